// Reconciliation of the CRM flow below the web app: real PostgreSQL, the commerce and CRM
// simulators over HTTP. The target side reads each contact live with the CRM adapter's record
// reader (the same read the state comparison makes); a name changed at the CRM behind Waybill's
// back is reported as a field mismatch with the ledger's value, the CRM's and the owner, and the
// transaction's state comparison shows the same live value through the same read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { drainConnection } from '@/lib/engine/drain';
import { createLogger } from '@/lib/observability/logger';
import { getStateComparison } from '@/lib/state-comparison/state-comparison.presenter';
import { startCommerceSimulator } from '@/simulators/commerce/server';
import { startCrmSimulator } from '@/simulators/crm/server';
import type { RunningSim } from '@/simulators/shared-http';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { adminJson, createOrders, crmEffects } from '@/test/support/sims';
import { backfillDrift } from './backfill-drift';
import { runReconciliationChunk } from './run-chunk';
import { startReconciliationRun } from './start-run';
import { recordingWaker } from '@/test/support/wakes';

const FINANCE = { id: '00000000-0000-7000-8000-000000000001', label: 'Fiona Finance' };
const wakes = recordingWaker();
const CRM_KEY = 'crm-key';
let commerce: RunningSim;
let crm: RunningSim;
let db: Db;
let drop: () => Promise<void>;
let tenantId: string;
let flowId: string;
let crmConnectionId: string;
const windowFrom = new Date(Date.now() - 60_000);

beforeAll(async () => {
  commerce = await startCommerceSimulator({
    port: 0,
    webhookUrl: 'http://127.0.0.1:9/nowhere',
    webhookSecret: 'secret-secret',
    seed: 12,
  });
  crm = await startCrmSimulator({ port: 0, apiKey: CRM_KEY });
  const database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 4 });
  drop = async () => {
    await db.$disconnect();
    await database.drop();
  };
  const seeded = await seedFixtureTenant(db, 'acme', {
    commerceUrl: commerce.url,
    crm: { url: crm.url, credentials: { apiKey: CRM_KEY } },
  });
  tenantId = seeded.tenantId;
  flowId = seeded.flowIds['orders-paid-to-crm'] ?? '';
  crmConnectionId = seeded.connectionIds.crm ?? '';
}, 60_000);

afterAll(async () => {
  await Promise.all([commerce, crm].map((s) => s?.close()));
  await drop?.();
});

async function forceRun(): Promise<string> {
  const { runId } = await startReconciliationRun(db, tenantId, {
    flowId,
    windowFrom,
    windowTo: new Date(Date.now() + 60_000),
    trigger: 'api',
    actor: FINANCE,
  });
  const deps = { db, keyRing: FIXTURE_KEY_RING, providerTimeoutMs: 3000, pageSize: 20 };
  for (let i = 0; i < 50; i += 1) {
    if ((await runReconciliationChunk(deps, tenantId, runId)).done) return runId;
  }
  throw new Error('run did not finish in 50 chunks');
}

const contactPath = (email: string) => `${crm.url}/crm/v3/contacts/${encodeURIComponent(email)}`;

describe('reconciliation of the CRM flow', () => {
  it('reads each contact live and reports a name changed at the CRM as a field mismatch', async () => {
    // Orders paid while webhooks are off: a first run finds them, a backfill sends them to the CRM.
    await adminJson(commerce.url, 'chaos', { webhookOutage: true });
    await createOrders(commerce.url, 3);
    const missing = await forceRun();
    const backfilled = await backfillDrift(db, tenantId, {
      selection: { runId: missing, kind: 'missing_in_ledger' },
      actor: FINANCE,
      wake: wakes.wake,
    });
    expect(backfilled).toMatchObject({ backfilled: 3 });
    await drainConnection(
      {
        db,
        keyRing: FIXTURE_KEY_RING,
        providerTimeoutMs: 3000,
        leaseMs: 5000,
        batchSize: 10,
        budgetMs: 20_000,
        lanes: 2,
        log: createLogger('silent', 'test'),
      },
      { tenantId, connectionId: crmConnectionId },
    );
    const sent = await db.transaction.findMany({ where: { flowId }, select: { status: true } });
    expect(sent.map((t) => t.status)).toEqual(['completed', 'completed', 'completed']);
    const created = (await crmEffects(crm.url)).filter((e) => e.kind === 'contact.created');
    expect(created).toHaveLength(3);

    // The ledger and the CRM agree: 3 source orders and 3 contacts match.
    const clean = await forceRun();
    expect(await db.reconciliationRun.findUniqueOrThrow({ where: { id: clean } })).toMatchObject({
      status: 'completed',
      matched: 6,
      drifted: 0,
    });

    // Someone renames one contact at the CRM, behind Waybill's back.
    const [renamed] = created;
    if (!renamed) throw new Error('no contact');
    const headers = { 'x-api-key': CRM_KEY, 'content-type': 'application/json' };
    const before = (await (await fetch(contactPath(renamed.email), { headers })).json()) as {
      given_name: string;
      family_name: string;
    };
    const edited = await fetch(contactPath(renamed.email), {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        email: renamed.email,
        given_name: 'Renamed',
        family_name: before.family_name,
      }),
    });
    expect(edited.status).toBe(200);

    const runId = await forceRun();
    expect(await db.reconciliationRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: 'completed',
      matched: 3 + 2,
    });
    const items = await db.driftItem.findMany({ where: { runId } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'field_mismatch',
      providerRef: renamed.id,
      field: 'givenName',
      ledgerValue: before.given_name,
      providerValue: 'Renamed',
      owner: 'crm',
    });
    // The state comparison of that transaction reads the same contact with the same reader.
    const comparison = await getStateComparison(db, tenantId, items[0]?.transactionId ?? '', {
      keyRing: FIXTURE_KEY_RING,
      timeoutMs: 3000,
      maskPersonalData: false,
    });
    expect(comparison.systems[1]?.reading).toMatchObject({ state: 'read', ref: renamed.id });
    expect(comparison.rows.find((r) => r.field === 'givenName')).toMatchObject({
      difference: 'different',
      cells: [{ state: 'absent' }, { state: 'different', value: 'Renamed' }],
    });
    // Each run read every contact by email (the CRM reads contacts by nothing else).
    const requests = await adminJson<{ route: string; status: number; count: number }[]>(
      crm.url,
      'requests',
    );
    const reads = requests.find(
      (r) => r.route === 'GET /crm/v3/contacts/:email' && r.status === 200,
    );
    expect(reads?.count).toBe(2 * 3 + 1 + 1);
  }, 120_000);

  it("compares a repeat customer's contact with the latest order only", async () => {
    // Two orders of one customer under two names: both upsert one contact, which keeps the second.
    const email = 'repeat.customer@example.com';
    await createOrders(commerce.url, 1, {
      returning: { email, firstName: 'Ada', lastName: 'Byron' },
    });
    await createOrders(commerce.url, 1, {
      returning: { email, firstName: 'Ada', lastName: 'Lovelace' },
    });
    const missing = await forceRun();
    expect(
      await backfillDrift(db, tenantId, {
        selection: { runId: missing, kind: 'missing_in_ledger' },
        actor: FINANCE,
        wake: wakes.wake,
      }),
    ).toMatchObject({ backfilled: 2 });
    // one at a time, in order: the second upsert must land after the first
    await drainConnection(
      {
        db,
        keyRing: FIXTURE_KEY_RING,
        providerTimeoutMs: 3000,
        leaseMs: 5000,
        batchSize: 1,
        budgetMs: 20_000,
        lanes: 1,
        log: createLogger('silent', 'test'),
      },
      { tenantId, connectionId: crmConnectionId },
    );
    const mine = await db.transaction.findMany({
      where: { flowId, customerEmail: email },
      select: { status: true, externalRefs: true },
    });
    expect(mine.map((t) => t.status)).toEqual(['completed', 'completed']);
    const refs = new Set(mine.map((t) => JSON.stringify(t.externalRefs)));
    expect(refs.size).toBe(1); // one contact

    const runId = await forceRun();
    const items = await db.driftItem.findMany({ where: { runId } });
    // before shared records were known, the first order's "Byron" showed as a field mismatch
    expect(items.filter((i) => i.businessKey !== '')).toEqual([
      expect.objectContaining({ kind: 'field_mismatch', providerValue: 'Renamed' }),
    ]);
  }, 120_000);
});
