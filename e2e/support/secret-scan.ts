// The secret-leak scanner behind every e2e test (wired in e2e/support.ts): each response a page or
// an API request context receives is searched for every secret the suite knows — the stack's
// provider keys, webhook secrets, encryption key, NextAuth secret, the demo password, plus any
// token or invitation secret a spec registers — and the test that saw one fails, naming the URL
// and a fingerprint of the secret (never the secret itself: the report must not leak it either).
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { APIRequestContext, APIResponse, BrowserContext, Response } from '@playwright/test';

export interface KnownSecret {
  label: string;
  value: string;
}

export interface Leak {
  url: string;
  label: string;
  fingerprint: string;
}

/** Shorter values would match by chance (a 4-digit order number, "token"). */
export const MIN_SECRET_LENGTH = 8;

export const fingerprint = (value: string): string =>
  `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 12)}`;

/** The secrets found in `text`, longest first so a secret's suffix is not reported twice. */
export function findSecrets(text: string, secrets: readonly KnownSecret[]): KnownSecret[] {
  return secrets.filter((s) => s.value.length >= MIN_SECRET_LENGTH && text.includes(s.value));
}

/** A secret and the other spellings it could leak in (base64 keys also as hex, whsec_ bodies). */
export function spellings(label: string, value: string): KnownSecret[] {
  const out = [{ label, value }];
  const body = value.startsWith('whsec_') ? value.slice('whsec_'.length) : null;
  if (body) out.push({ label: `${label} (key part)`, value: body });
  if (/^[A-Za-z0-9+/]{40,}={0,2}$/.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length >= 16) out.push({ label: `${label} (hex)`, value: bytes.toString('hex') });
  }
  return out.filter((s) => s.value.length >= MIN_SECRET_LENGTH);
}

const registryPath = () => process.env.E2E_SECRET_REGISTRY ?? '.reports/e2e-secrets.jsonl';

/** Secrets from the global setup (E2E_KNOWN_SECRETS, a JSON object label -> value) and the registry. */
export function knownSecrets(): KnownSecret[] {
  const fromSetup = JSON.parse(process.env.E2E_KNOWN_SECRETS ?? '{}') as Record<string, unknown>;
  const all = Object.entries(fromSetup)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .flatMap(([label, value]) => spellings(label, value));
  const file = registryPath();
  if (existsSync(file))
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line.trim()) all.push(JSON.parse(line) as KnownSecret);
  return all;
}

/** the running test's scanner learns secrets registered mid-test */
let learn: ((secret: KnownSecret) => void) | null = null;

/**
 * A spec that creates a secret (an API token shown once, an invitation link's secret) registers
 * it: from then on no response of this test or any later one may contain it. Kept in a file under
 * .reports/ (git-ignored, per run) so later specs in other workers know it too.
 */
export function registerSecret(value: string, label = 'registered secret'): void {
  if (value.length < MIN_SECRET_LENGTH)
    throw new Error(`registerSecret: a secret of ${value.length} characters would match by chance`);
  const file = registryPath();
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ label, value })}\n`);
  learn?.({ label, value });
}

/** Bodies worth reading: what a person or a client sees. Images and fonts carry no secrets. */
const TEXTUAL = /json|text\/|javascript|x-component|csv|xml|html/i;
const API_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'fetch'] as const;

/**
 * The build's own files (/_next/static/: scripts and styles named by their content hash) were
 * written before the suite started, so no secret made during it can be in one, and every load of
 * one URL is the same bytes: each is read once per test process, not on every page load of every
 * test (copying the whole console's scripts out of the browser each time was much of the
 * scanner's cost). Whatever the build inlined is still read, at the first load.
 */
const builtAssetsRead = new Set<string>();
export function builtAssetReadBefore(url: string): boolean {
  const { pathname } = new URL(url);
  if (!pathname.startsWith('/_next/static/')) return false;
  if (builtAssetsRead.has(pathname)) return true;
  builtAssetsRead.add(pathname);
  return false;
}

/** A secret the scanner looks for in responses that arrived from `since` (ms) on. */
type Watched = KnownSecret & { since: number };

export class SecretScanner {
  readonly leaks: Leak[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly watched = new WeakSet<object>();
  private secrets: Watched[];

  constructor(secrets: KnownSecret[]) {
    this.secrets = secrets.map((s) => ({ ...s, since: 0 }));
    learn = (secret) => this.add(secret);
  }

  /**
   * A secret registered mid-test binds the responses that arrive after it: the one response that
   * showed it before it was registered (a token shown once) is the secret's own creation, however
   * late its body is read on a busy machine.
   */
  add(secret: KnownSecret, now = Date.now()) {
    const added = spellings(secret.label, secret.value).map((s) => ({ ...s, since: now }));
    this.secrets = [...this.secrets, ...added];
  }

  /** Every response of every page of the context, and its APIRequestContext (page.request). */
  watchContext(context: BrowserContext) {
    if (this.watched.has(context)) return;
    this.watched.add(context);
    context.on('response', (response) => this.track(this.scanPageResponse(response)));
    this.watchApi(context.request);
  }

  /** APIRequestContext emits no events: its methods are wrapped to scan what they return. */
  watchApi(api: APIRequestContext) {
    if (this.watched.has(api)) return;
    this.watched.add(api);
    for (const method of API_METHODS) {
      const original = api[method].bind(api) as (...args: unknown[]) => Promise<APIResponse>;
      Object.defineProperty(api, method, {
        configurable: true,
        value: async (...args: unknown[]) => {
          const response = await original(...args);
          this.track(this.scanApiResponse(response, method, Date.now()));
          return response;
        },
      });
    }
  }

  /** Waits for every body still being read; call before the context closes. */
  async settle() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  report(): string {
    return [
      `secret leak: ${this.leaks.length} response(s) contained a known secret value`,
      ...this.leaks.map((l) => `  ${l.url} contained ${l.label} [${l.fingerprint}]`),
    ].join('\n');
  }

  private track(work: Promise<void>) {
    const p = work.finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private async scanPageResponse(response: Response) {
    const arrived = Date.now();
    const url = `${response.request().method()} ${response.url()}`;
    // Headers always (a Location or a cookie can leak as surely as a body)...
    const headers = Object.entries(response.headers())
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
    this.check(url, headers, arrived);
    // ...bodies when there is one worth reading: redirects have none.
    const status = response.status();
    if (status >= 300 && status < 400) return;
    if (!TEXTUAL.test(response.headers()['content-type'] ?? '')) return;
    if (builtAssetReadBefore(response.url())) return;
    // A page that navigated away or closed takes its bodies with it: nothing was shown then.
    const text = await response.text().catch(() => null);
    if (text !== null) this.check(url, text, arrived);
  }

  private async scanApiResponse(response: APIResponse, method: string, arrived: number) {
    const text = await response.text().catch(() => null);
    // Headers too: a secret echoed in a header leaks as surely as one in a body.
    const headers = response
      .headersArray()
      .map((h) => `${h.name}: ${h.value}`)
      .join('\n');
    this.check(`${method.toUpperCase()} ${response.url()}`, `${headers}\n${text ?? ''}`, arrived);
  }

  /** `arrived`: when the response reached the test (secrets registered later do not bind it). */
  check(url: string, text: string, arrived: number) {
    const binding = this.secrets.filter((s) => s.since <= arrived);
    for (const secret of findSecrets(text, binding))
      this.leaks.push({ url, label: secret.label, fingerprint: fingerprint(secret.value) });
  }
}
