// Key rotation end to end on a real PostgreSQL: every envelope moves to the new key id, v1
// envelopes included; a second run does nothing; each tenant gets one audit entry with counts and
// no value; the engine and ingest open everything with the new ring, even once k1 has left it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, keyIdOfEnvelope } from '@/lib/crypto/key-ring';
import { sealSecret } from '@/lib/crypto/secret-box';
import type { Db } from '@/lib/db';
import { readCredentials } from '@/lib/providers/credentials';
import { clearIngestTargetCache, resolveIngestTarget } from '@/lib/ingest/resolve-target';
import {
  FIXTURE_KEY,
  seededLedger,
  seedFixtureTenant,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { reencryptSecrets } from './reencrypt-secrets';

const K2 = randomBytes(32);
const rotated = createKeyRing({ keys: { k1: FIXTURE_KEY, k2: K2 }, activeKeyId: 'k2' });
const k2Only = createKeyRing({ keys: { k2: K2 }, activeKeyId: 'k2' });

let ledger: SeededLedger;
let db: Db;

async function envelopes() {
  const rows = await db.connection.findMany({
    select: {
      tenantId: true,
      key: true,
      provider: true,
      credentialsEncrypted: true,
      webhookSecretEncrypted: true,
      previousSecretEncrypted: true,
    },
  });
  return rows.flatMap((r) =>
    [r.credentialsEncrypted, r.webhookSecretEncrypted, r.previousSecretEncrypted].filter(
      (s): s is string => s !== null,
    ),
  );
}

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  await seedFixtureTenant(db, 'globex');
  // One envelope of the first format, and a previous secret inside an overlap.
  await db.connection.update({
    where: { id: ledger.commerceConnectionId },
    data: {
      previousSecretEncrypted: sealSecret(
        'old-commerce-secret',
        Buffer.from(FIXTURE_KEY, 'base64'),
      ),
      webhookSecretOverlapUntil: new Date(Date.now() + 3_600_000),
    },
  });
});
afterAll(async () => {
  await ledger?.drop();
});

describe('secrets:reencrypt', () => {
  it('re-seals every envelope under the active key and audits counts per tenant', async () => {
    const before = await envelopes();
    expect(before.some((s) => s.startsWith('v1.'))).toBe(true);
    expect(before.every((s) => keyIdOfEnvelope(s) === 'k1')).toBe(true);

    const report = await reencryptSecrets(db, rotated, { batchSize: 2 });
    expect(report.failures).toEqual([]);
    expect(report.tenants).toHaveLength(2);
    const after = await envelopes();
    expect(after).toHaveLength(before.length);
    expect(after.every((s) => s.startsWith('v2.k2.'))).toBe(true);
    const total = report.tenants.reduce(
      (n, t) => n + t.resealed.credentials + t.resealed.webhookSecret + t.resealed.previousSecret,
      0,
    );
    expect(total).toBe(before.length);

    const audit = await db.$queryRaw<{ tenant_id: string; after: Record<string, unknown> }[]>`
      SELECT tenant_id::text, after FROM audit_entries WHERE action = 'secrets.reencrypted'`;
    expect(audit).toHaveLength(2);
    const acme = audit.find((a) => a.tenant_id === ledger.tenantId);
    expect(acme?.after).toMatchObject({
      toKeyId: 'k2',
      fromKeyIds: ['k1'],
      resealed: { webhookSigningPrevious: 1 },
    });
    const text = JSON.stringify(audit);
    for (const plain of ['old-commerce-secret', 'secret-secret', 'token', 'dev-erp-key'])
      expect(text).not.toContain(plain);
  });

  it('does nothing the second time (idempotent, resumable)', async () => {
    const before = await envelopes();
    const report = await reencryptSecrets(db, rotated);
    expect(report.tenants).toEqual([]);
    expect(await envelopes()).toEqual(before);
    const [row] = await db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM audit_entries WHERE action = 'secrets.reencrypted'`;
    expect(row?.count).toBe(2);
  });

  it('the engine and ingest open everything with a ring that no longer holds k1', async () => {
    const erp = await db.connection.findFirstOrThrow({
      where: { tenantId: ledger.tenantId, key: 'erp' },
    });
    expect(readCredentials('erp', erp.credentialsEncrypted, k2Only)).toEqual({
      apiKey: 'dev-erp-key',
    });
    clearIngestTargetCache();
    const target = await resolveIngestTarget(db, k2Only, 'acme', 'commerce');
    expect(target.secrets).toEqual(['secret-secret', 'old-commerce-secret']);
  });

  it('reports a tenant it cannot finish (a key missing from the ring) and changes nothing there', async () => {
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: {
        credentialsEncrypted: createKeyRing({
          keys: { k9: randomBytes(32) },
          activeKeyId: 'k9',
        }).seal('{}'),
      },
    });
    const k3 = createKeyRing({ keys: { k2: K2, k3: randomBytes(32) }, activeKeyId: 'k3' });
    const before = await db.connection.findMany({
      where: { tenantId: ledger.tenantId },
      orderBy: { id: 'asc' },
    });
    const report = await reencryptSecrets(db, k3);
    expect(report.failures).toEqual([
      {
        tenantId: ledger.tenantId,
        message: expect.stringMatching(/key "k9" is not in the key ring/) as string,
      },
    ]);
    expect(report.tenants).toHaveLength(1); // the other tenant moved on to k3
    const after = await db.connection.findMany({
      where: { tenantId: ledger.tenantId },
      orderBy: { id: 'asc' },
    });
    expect(after.map((c) => c.credentialsEncrypted)).toEqual(
      before.map((c) => c.credentialsEncrypted),
    );
  });
});
