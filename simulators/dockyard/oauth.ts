// OAuth 2.0 client credentials (RFC 6749 §4.4): POST /oauth/token issues short-lived bearer tokens
// that every /v2 call must carry. Client authentication in the body or with HTTP Basic (§2.3.1).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError, readRawBody, sendJson } from '../shared-http';
import type { RouteContext } from '../shared-http';
import { isPlainObject } from '../shared-runtime';
import type { Rng } from '../shared-runtime';

export const DEFAULT_SCOPE = 'shipment_orders';

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export interface TokenStats {
  /** Tokens issued since start or the last reset (a client that fetches one per call shows here). */
  issued: number;
  active: number;
}

/**
 * Tokens come from the seeded stream, so a fresh simulator with the same seed repeats them. They
 * survive /_admin/reset on purpose: a test stack resets simulators between tests while Waybill
 * keeps its cached token, and a real provider does not log clients out when data is wiped.
 * Only expiry, or /_admin/expire-tokens, ends a token.
 */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private issuedCount = 0;

  constructor(private readonly rng: Rng) {}

  issue(clientId: string, ttlSeconds: number, now = Date.now()): string {
    this.prune(now);
    let token = 'dya_';
    for (let i = 0; i < 32; i++) token += this.rng.int(0, 15).toString(16);
    this.tokens.set(token, { clientId, expiresAt: now + ttlSeconds * 1000 });
    this.issuedCount++;
    return token;
  }

  valid(token: string, now = Date.now()): boolean {
    const issued = this.tokens.get(token);
    return issued !== undefined && now < issued.expiresAt;
  }

  /** Every token issued so far stops working at once (a revoked grant); returns how many were live. */
  expireAll(now = Date.now()): number {
    const live = this.stats(now).active;
    this.tokens.clear();
    return live;
  }

  stats(now = Date.now()): TokenStats {
    let active = 0;
    for (const t of this.tokens.values()) if (now < t.expiresAt) active++;
    return { issued: this.issuedCount, active };
  }

  resetCount(): void {
    this.issuedCount = 0;
  }

  private prune(now: number): void {
    if (this.tokens.size < 256) return;
    for (const [token, t] of this.tokens) if (t.expiresAt <= now) this.tokens.delete(token);
  }
}

export interface ClientConfig {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
}

const oauthError = (status: number, error: string, headers: Record<string, string> = {}) =>
  new HttpError(status, { error }, { 'Cache-Control': 'no-store', ...headers });

/** Form bodies are what OAuth clients send; JSON is accepted too. Values must be strings. */
async function readTokenRequest(req: IncomingMessage): Promise<Record<string, string>> {
  const raw = (await readRawBody(req)).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json')) return Object.fromEntries(new URLSearchParams(raw));
  let parsed: unknown;
  try {
    parsed = raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw oauthError(400, 'invalid_request');
  }
  if (!isPlainObject(parsed)) throw oauthError(400, 'invalid_request');
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') fields[k] = v;
  return fields;
}

/** Basic credentials are form-encoded before base64 (RFC 6749 §2.3.1), hence the decoding. */
function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { id: '', secret: '' };
  try {
    const decode = (s: string) => decodeURIComponent(s.replaceAll('+', ' '));
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    return { id: '', secret: '' };
  }
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function issueToken(
  client: ClientConfig,
  tokens: TokenStore,
  { req, res }: RouteContext,
): Promise<void> {
  const fields = await readTokenRequest(req);
  const basic = basicCredentials(req);
  const id = basic?.id ?? fields.client_id ?? '';
  const secret = basic?.secret ?? fields.client_secret ?? '';
  // The client is authenticated before the grant is looked at, as authorization servers do.
  if (!same(id, client.clientId) || !same(secret, client.clientSecret)) {
    const challenge = basic ? { 'WWW-Authenticate': 'Basic realm="dockyard"' } : undefined;
    throw oauthError(401, 'invalid_client', challenge);
  }
  const grant = fields.grant_type;
  if (grant === undefined || grant === '') throw oauthError(400, 'invalid_request');
  if (grant !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type');
  const scope = fields.scope?.trim() || DEFAULT_SCOPE;
  const token = tokens.issue(id, client.tokenTtlSeconds);
  sendJson(
    res,
    200,
    { access_token: token, token_type: 'Bearer', expires_in: client.tokenTtlSeconds, scope },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  );
}

/** The bearer check of every /v2 call; unknown, expired and revoked tokens look alike. */
export function bearerValid(req: IncomingMessage, tokens: TokenStore): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] !== undefined && tokens.valid(match[1]);
}
