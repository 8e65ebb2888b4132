import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  builtAssetReadBefore,
  findSecrets,
  fingerprint,
  knownSecrets,
  registerSecret,
  SecretScanner,
  spellings,
} from './secret-scan';

describe('findSecrets', () => {
  const secrets = [
    { label: 'erp key', value: 'erp_0123456789abcdef' },
    { label: 'short', value: 'abc' },
  ];

  it('finds a secret anywhere in a body', () => {
    expect(findSecrets('{"x":"erp_0123456789abcdef"}', secrets).map((s) => s.label)).toEqual([
      'erp key',
    ]);
  });

  it('finds nothing in a clean body, and ignores values too short to mean anything', () => {
    expect(findSecrets('{"abc": "erp_0123"}', secrets)).toEqual([]);
  });
});

describe('spellings', () => {
  it('also looks for the key part of a whsec_ secret and the hex form of a base64 key', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const labels = spellings('warehouse webhook', `whsec_${key}`).map((s) => s.value);
    expect(labels).toContain(`whsec_${key}`);
    expect(labels).toContain(key);
    expect(spellings('encryption key', key).map((s) => s.value)).toContain(
      Buffer.alloc(32, 7).toString('hex'),
    );
  });
});

describe('builtAssetReadBefore', () => {
  it("reads each of the build's content-hashed files once, and every other answer every time", () => {
    const chunk = 'http://127.0.0.1:3000/_next/static/chunks/app-3f9c.js';
    expect(builtAssetReadBefore(chunk)).toBe(false);
    expect(builtAssetReadBefore(chunk)).toBe(true);
    // another origin or a query string is the same file
    expect(builtAssetReadBefore('http://localhost:4000/_next/static/chunks/app-3f9c.js?v=1')).toBe(
      true,
    );
    const page = 'http://127.0.0.1:3000/transactions';
    expect(builtAssetReadBefore(page)).toBe(false);
    expect(builtAssetReadBefore(page)).toBe(false);
    expect(builtAssetReadBefore('http://127.0.0.1:3000/api/v1/_next/static/x')).toBe(false);
  });
});

describe('fingerprint', () => {
  it('names a secret without containing it', () => {
    const f = fingerprint('erp_0123456789abcdef');
    expect(f).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(f).not.toContain('0123456789');
  });
});

describe('knownSecrets and registerSecret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wb-secrets-'));
    process.env.E2E_SECRET_REGISTRY = join(dir, 'secrets.jsonl');
    process.env.E2E_KNOWN_SECRETS = JSON.stringify({ password: 'pw-abcdef123456', nested: {} });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.E2E_SECRET_REGISTRY;
    delete process.env.E2E_KNOWN_SECRETS;
  });

  it('reads the setup secrets and every registered one, skipping non-strings', () => {
    registerSecret('wbt_token_value_1234', 'api token');
    const all = knownSecrets();
    expect(all).toContainEqual({ label: 'password', value: 'pw-abcdef123456' });
    expect(all).toContainEqual({ label: 'api token', value: 'wbt_token_value_1234' });
    expect(all.some((s) => s.label === 'nested')).toBe(false);
  });

  it('refuses to register a value short enough to match by chance', () => {
    expect(() => registerSecret('1234')).toThrow(/match by chance/);
  });

  it('a running scanner learns a secret registered mid-test', () => {
    const scanner = new SecretScanner(knownSecrets());
    registerSecret('inv_secret_link_987654', 'invitation');
    expect(scanner.report()).toContain('0 response(s)');
    // the scanner's check is private; what matters is that its secret list grew
    expect(JSON.stringify(scanner)).toContain('inv_secret_link_987654');
  });
});

describe('SecretScanner', () => {
  const known = { label: 'erp key', value: 'erp_0123456789abcdef' };
  const token = { label: 'api token', value: 'wb_live_abcdefghijklmnop' };

  it('binds every response to the secrets known from the start', () => {
    const scanner = new SecretScanner([known]);
    scanner.check('GET /a', `key ${known.value}`, 0);
    expect(scanner.leaks.map((l) => l.label)).toEqual(['erp key']);
  });

  it('binds a secret registered mid-test to the responses that arrive after it only', () => {
    const scanner = new SecretScanner([]);
    scanner.add(token, 1_000);
    // the response that showed the token once arrived before it was registered: its creation
    scanner.check('POST /settings/tokens', `token ${token.value}`, 999);
    expect(scanner.leaks).toEqual([]);
    // any response after it must not contain it
    scanner.check('GET /settings/tokens', `token ${token.value}`, 1_000);
    expect(scanner.leaks.map((l) => l.url)).toEqual(['GET /settings/tokens']);
  });
});
