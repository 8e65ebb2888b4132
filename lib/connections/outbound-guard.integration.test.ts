// Credentials cannot be walked out of the vault (issue 16): a connection pointed at loopback, a
// private address, a link-local (metadata) address or a host name that resolves to one is refused
// when saved and again when called ("Test connection", a dispatch through the adapter), and a
// receiver listening on loopback sees no request and no credentials; moving a connection to
// another origin clears its credentials. Real PostgreSQL, a real receiver on loopback, the real
// guard with an empty allow list and a resolver standing in for DNS.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { decideOnFailure, parseRetryPolicy } from '@/lib/engine/retry-policy';
import { AppError } from '@/lib/errors';
import { setOutboundPolicy, type Lookup, type OutboundPolicy } from '@/lib/outbound';
import { getAdapter } from '@/lib/providers/registry';
import { FIXTURE_KEY_RING, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { createConnection } from './create-connection';
import { replaceCredentials } from './replace-credentials';
import { testConnection } from './test-connection';
import { updateConnection } from './update-connection';

const API_KEY = 'erp_vault_key_7d41c9a2';

/** What DNS answers in this suite: names an attacker controls, pointed inward. */
const dns: Lookup = (host) => {
  const answers: Record<string, string[]> = {
    'rebind.example.com': ['127.0.0.1'],
    'private.example.com': ['10.0.0.5'],
    'metadata.example.com': ['169.254.169.254'],
    'erp.example.com': ['93.184.216.34'],
    'erp-eu.example.com': ['93.184.216.35'],
  };
  const found = answers[host];
  if (!found) return Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }));
  return Promise.resolve(found.map((address) => ({ address, family: 4 })));
};
const strict: OutboundPolicy = { allowHosts: [], lookup: dns };

let ledger: SeededLedger;
let db: Db;
let tenantId: string;
let erpId: string;
let adminId: string;
let receiver: http.Server;
let port = 0;
const received: http.IncomingHttpHeaders[] = [];

const by = () => ({
  actor: { id: adminId, label: 'Ada Admin' },
  audit: { requestId: 'req-outbound-0001' },
  keyRing: FIXTURE_KEY_RING,
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The targets of the acceptance test, with what the guard says about each. */
const targets = () => [
  {
    what: 'loopback (the receiver itself)',
    url: `http://127.0.0.1:${port}`,
    reason: 'the host 127.0.0.1 is a loopback address',
    call: 'refused: the host 127.0.0.1 is a loopback address',
  },
  {
    what: 'a private address',
    url: 'http://10.0.0.5:8080',
    reason: 'the host 10.0.0.5 is a private address',
    call: 'refused: the host 10.0.0.5 is a private address',
  },
  {
    what: 'the link-local metadata address',
    url: 'http://169.254.169.254',
    reason: 'the host 169.254.169.254 is a link-local address',
    call: 'refused: the host 169.254.169.254 is a link-local address',
  },
  {
    what: 'a name that resolves to loopback',
    url: `http://rebind.example.com:${port}`,
    reason: 'refused: the host rebind.example.com resolves to 127.0.0.1, a loopback address',
    call: 'refused: the host rebind.example.com resolves to 127.0.0.1, a loopback address',
  },
  {
    what: 'a name that resolves to a private address',
    url: 'https://private.example.com',
    reason: 'refused: the host private.example.com resolves to 10.0.0.5, a private address',
    call: 'refused: the host private.example.com resolves to 10.0.0.5, a private address',
  },
  {
    what: 'a name that resolves to the metadata address',
    url: `http://metadata.example.com:${port}`,
    reason: 'resolves to 169.254.169.254, a link-local address',
    call: 'resolves to 169.254.169.254, a link-local address',
  },
];

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  tenantId = ledger.tenantId;
  erpId = (await db.connection.findFirstOrThrow({ where: { tenantId, key: 'erp' } })).id;
  adminId = (await db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } })).id;
  // The attacker's receiver: answers like the ERP would, and remembers every request's headers.
  receiver = http.createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"items":[]}');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterEach(() => setOutboundPolicy(undefined));
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
  await ledger?.drop();
});

describe('saving a base URL', () => {
  it('refuses every internal target, on create and on update, naming the field', async () => {
    setOutboundPolicy(strict);
    const before = await db.connection.findUniqueOrThrow({ where: { id: erpId } });
    for (const target of targets()) {
      const created = await refusal(
        createConnection(
          db,
          tenantId,
          { key: 'erp-x', name: 'ERP X', provider: 'erp', baseUrl: target.url },
          by(),
        ),
      );
      expect(created.code, target.what).toBe('VALIDATION_FAILED');
      expect(created.status).toBe(422);
      expect(created.message, target.what).toMatch(/^baseUrl: /);
      expect(created.message, target.what).toContain(target.reason);
      expect(created.details).toEqual({ fieldErrors: { baseUrl: [expect.any(String)] } });
      const updated = await refusal(
        updateConnection(db, tenantId, erpId, { baseUrl: target.url }, by()),
      );
      expect(updated.message, target.what).toContain(target.reason);
    }
    expect(await db.connection.count({ where: { tenantId, key: 'erp-x' } })).toBe(0);
    const after = await db.connection.findUniqueOrThrow({ where: { id: erpId } });
    expect(after.baseUrl).toBe(before.baseUrl);
  });

  it('refuses a user name or password in the URL', async () => {
    setOutboundPolicy(strict);
    const error = await refusal(
      updateConnection(db, tenantId, erpId, { baseUrl: 'https://ada:pw@erp.example.com' }, by()),
    );
    expect(error.message).toBe(
      'baseUrl: the base URL must not contain a user name or password; enter credentials under Credentials',
    );
  });

  it('accepts an internal address the allow list names', async () => {
    setOutboundPolicy({ allowHosts: ['127.0.0.1'], lookup: dns });
    const created = await createConnection(
      db,
      tenantId,
      { key: 'erp-local', name: 'ERP local', provider: 'erp', baseUrl: `http://127.0.0.1:${port}` },
      by(),
    );
    expect(created.key).toBe('erp-local');
  });
});

describe('calling a connection whose base URL points inward', () => {
  // A row saved before the guard existed, or a name whose DNS answer changed after the save: the
  // call-time guard is what keeps the credentials in.
  async function pointAt(url: string) {
    await db.connection.update({ where: { id: erpId }, data: { baseUrl: url } });
    await replaceCredentials(db, tenantId, erpId, { apiKey: API_KEY }, by());
  }

  it('the positive control: allowed, the receiver gets the request and the key', async () => {
    setOutboundPolicy({ allowHosts: ['127.0.0.1'], lookup: dns });
    await pointAt(`http://rebind.example.com:${port}`);
    const from = received.length;
    const outcome = await testConnection(db, tenantId, erpId, { ...by(), timeoutMs: 2000 });
    expect(outcome).toMatchObject({ ok: true });
    expect(received.slice(from).map((h) => h.authorization)).toEqual([`Bearer ${API_KEY}`]);
  });

  it('refuses "Test connection" for every internal target; nothing reaches the receiver', async () => {
    setOutboundPolicy(strict);
    const from = received.length;
    for (const target of targets()) {
      await pointAt(target.url);
      const outcome = await testConnection(db, tenantId, erpId, { ...by(), timeoutMs: 2000 });
      expect(outcome, target.what).toMatchObject({ ok: false, errorClass: 'permission' });
      expect(outcome.message, target.what).toContain(target.call);
      expect(outcome.message).toContain('OUTBOUND_ALLOW_HOSTS');
    }
    expect(received.slice(from)).toEqual([]);
    const audited = await db.$queryRaw<{ after: { outcome: string; message: string } }[]>`
      SELECT after FROM audit_entries WHERE object_id = ${erpId} AND action = 'connection.tested'
      ORDER BY seq DESC LIMIT ${targets().length}`;
    expect(audited.every((a) => a.after.outcome === 'permission')).toBe(true);
  });

  it('refuses a dispatch through the adapter, as a class that goes to review', async () => {
    setOutboundPolicy(strict);
    const operation = getAdapter('erp').operations.create_sales_order;
    if (!operation) throw new Error('the ERP adapter has no create_sales_order');
    const command = operation.input.parse({
      orderNumber: '1047',
      customer: { email: 'lars@example.com', name: 'Lars de Vries' },
      currency: 'eur',
      total: 24.6,
      lines: [{ sku: 'TENT-2P-GRN', quantity: 2, unitPrice: '12.30' }],
    });
    const from = received.length;
    for (const target of targets()) {
      const outcome = await operation.execute(
        { baseUrl: target.url, credentials: { apiKey: API_KEY }, timeoutMs: 2000 },
        command,
        { idempotencyKey: 'k-1', mayHaveBeenSent: false },
      );
      expect(outcome, target.what).toMatchObject({ kind: 'failure', errorClass: 'permission' });
      if (outcome.kind !== 'failure') continue;
      expect(outcome.message, target.what).toContain(target.call);
      expect(outcome.exchange).toMatchObject({ status: null, responseBody: null });
      expect(decideOnFailure(outcome.errorClass, 1, parseRetryPolicy({}))).toEqual({
        kind: 'needs_review',
      });
    }
    expect(received.slice(from)).toEqual([]);
  });
});

describe('moving a connection to another origin', () => {
  it('clears its credentials, says so in the audit log, and keeps them for a path change', async () => {
    setOutboundPolicy(strict);
    await updateConnection(db, tenantId, erpId, { baseUrl: 'https://erp.example.com' }, by());
    await replaceCredentials(db, tenantId, erpId, { apiKey: API_KEY }, by());

    const samePlace = await updateConnection(
      db,
      tenantId,
      erpId,
      { baseUrl: 'https://erp.example.com/v2' },
      by(),
    );
    expect(samePlace).toEqual({ changed: ['baseUrl'], credentialsCleared: false });
    const kept = await db.connection.findUniqueOrThrow({ where: { id: erpId } });
    expect(kept.credentialsEncrypted).not.toBeNull();

    for (const [url, what] of [
      ['https://erp-eu.example.com/v2', 'another host'],
      ['https://erp-eu.example.com:8443/v2', 'another port'],
      ['http://erp-eu.example.com:8443/v2', 'another scheme'],
    ] as const) {
      await replaceCredentials(db, tenantId, erpId, { apiKey: API_KEY }, by());
      const moved = await updateConnection(db, tenantId, erpId, { baseUrl: url }, by());
      expect(moved, what).toEqual({ changed: ['baseUrl'], credentialsCleared: true });
      const row = await db.connection.findUniqueOrThrow({ where: { id: erpId } });
      expect(row.credentialsEncrypted, what).toBeNull();
    }
    const [entry] = await db.$queryRaw<{ before: unknown; after: unknown }[]>`
      SELECT before, after FROM audit_entries
      WHERE object_id = ${erpId} AND action = 'connection.updated' ORDER BY seq DESC LIMIT 1`;
    expect(entry).toMatchObject({
      before: { baseUrl: 'https://erp-eu.example.com:8443/v2', auth: { state: 'set' } },
      after: {
        baseUrl: 'http://erp-eu.example.com:8443/v2',
        auth: { state: 'unset', keyId: null },
        authCleared: 'the base URL moved to another origin (scheme, host or port)',
      },
    });
    const everything = await db.$queryRaw<
      { row: string }[]
    >`SELECT row_to_json(a)::text AS row FROM audit_entries a`;
    expect(everything.map((a) => a.row).join('\n')).not.toContain(API_KEY);

    // a test now says what to do, and sends nothing anywhere
    const outcome = await testConnection(db, tenantId, erpId, { ...by(), timeoutMs: 2000 });
    expect(outcome).toMatchObject({ ok: false, errorClass: 'auth' });
    expect(outcome.message).toBe('No credentials are set — enter them first.');
  });
});
