// The demo's ledger reset on a real database: two fully seeded tenants with ledger rows in every
// table; resetting one empties exactly its ledger, keeps its configuration and the other tenant,
// appends one 'demo.reset' audit entry to a chain that still verifies, is all or nothing, and
// afterwards a webhook with a provider event id of the previous run is accepted, not a duplicate.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '@/lib/api-tokens/issue-api-token';
import { verifyAuditChain } from '@/lib/audit';
import { createDb, Prisma, tenantDb, type Db } from '@/lib/db';
import { recordInbound, type IngestOutcome } from '@/lib/ingest/record-inbound';
import { clearIngestTargetCache } from '@/lib/ingest/resolve-target';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { recordingWaker } from '@/test/support/wakes';
import { sampleOrder, signedOrderWebhook } from '@/test/support/webhooks';
import { resetDemoLedger } from './reset-demo-ledger';

const LEDGER_TABLES = [
  'inbound_events',
  'transactions',
  'timeline_entries',
  'outbox',
  'replay_batches',
  'reconciliation_runs',
  'drift_items',
  'sla_breaches',
  'alert_events',
  'overview_hourly',
] as const;
const CONFIG_TABLES = [
  'connections',
  'flows',
  'mapping_versions',
  'memberships',
  'api_tokens',
  'sla_rules',
  'alert_rules',
] as const;
const ACTOR = { userId: null, tokenId: null, label: 'npm run demo' };
/** the provider event id both runs of the "simulator" send first */
const REPEATED_EVENT = 'evt-seeded-0001';

let db: Db;
let drop: () => Promise<void>;
const tenants: Record<'acme' | 'globex', { id: string; flowIds: Record<string, string> }> = {
  acme: { id: '', flowIds: {} },
  globex: { id: '', flowIds: {} },
};

async function countRows(tenantId: string, tables: readonly string[]) {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM ${Prisma.raw(table)} WHERE tenant_id = ${tenantId}::uuid`;
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

function deliver(slug: string, orderNumber: number, eventId: string): Promise<IngestOutcome> {
  const hook = signedOrderWebhook(sampleOrder(orderNumber), 'secret-secret', { eventId });
  return recordInbound(
    { db, keyRing: FIXTURE_KEY_RING, wake: recordingWaker().wake },
    {
      tenantSlug: slug,
      connectionKey: 'commerce',
      rawBody: Buffer.from(hook.body),
      headers: new Headers(hook.headers),
      tooLarge: false,
      sizeBytes: hook.body.length,
    },
  );
}

/** What a demo run leaves behind: webhooks (one delivered twice), a replay batch, a
 *  reconciliation run with drift, an SLA breach, an alert, roll-ups and an unhealthy circuit. */
async function produceLedger(slug: 'acme' | 'globex') {
  const { id: tenantId, flowIds } = tenants[slug];
  const scoped = tenantDb(db, tenantId);
  expect((await deliver(slug, 1001, REPEATED_EVENT)).kind).toBe('accepted');
  expect((await deliver(slug, 1001, REPEATED_EVENT)).kind).toBe('duplicate');
  expect((await deliver(slug, 1002, randomUUID())).kind).toBe('accepted');
  const flowId = flowIds['orders-paid-to-warehouse'] ?? '';
  const run = await scoped.reconciliationRun.create({
    data: {
      tenantId,
      flowId,
      windowFrom: new Date(Date.now() - 3_600_000),
      windowTo: new Date(),
      trigger: 'api',
      requestedBy: 'Fiona Finance',
    },
  });
  await scoped.driftItem.create({
    data: { tenantId, runId: run.id, flowId, kind: 'missing_in_ledger', businessKey: '1003' },
  });
  await scoped.replayBatch.create({
    data: {
      tenantId,
      requestedById: 'system',
      requestedBy: 'system',
      reason: 'warehouse back',
      filter: {},
      total: 0,
    },
  });
  const rule = await scoped.slaRule.create({
    data: { tenantId, name: 'ack in 30 min', expectFlowId: flowId, withinMinutes: 30 },
  });
  await scoped.slaBreach.create({
    data: { tenantId, ruleId: rule.id, businessKey: '1001', dueAt: new Date() },
  });
  const alert = await scoped.alertRule.create({
    data: { tenantId, name: 'failures', kind: 'failure_rate', webhookUrl: 'https://ops.test/a' },
  });
  await scoped.alertEvent.create({
    data: { tenantId, ruleId: alert.id, groupKey: `flow:${flowId}`, reason: 'too many failures' },
  });
  await scoped.overviewHourly.create({
    data: {
      tenantId,
      hour: new Date('2026-01-01T10:00:00Z'),
      flowId,
      status: 'received',
      count: 2,
    },
  });
  await scoped.connection.updateMany({
    where: { key: 'warehouse' },
    data: {
      circuitState: 'open',
      circuitFailures: 7,
      lastError: 'HTTP 503',
      lastFailureAt: new Date(),
    },
  });
}

beforeAll(async () => {
  const database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 4 });
  drop = async () => {
    await db.$disconnect();
    await database.drop();
  };
  for (const slug of ['acme', 'globex'] as const) {
    const seeded = await seedFixtureTenant(db, slug);
    tenants[slug] = { id: seeded.tenantId, flowIds: seeded.flowIds };
    const admin = await db.user.findUniqueOrThrow({ where: { email: `admin@${slug}.test` } });
    // configuration with an audit entry of its own: the chain has history before the reset
    await issueApiToken(db, seeded.tenantId, {
      name: 'ops',
      scopes: ['reconciliation.run'],
      expiry: '30',
      actor: { kind: 'user', userId: admin.id, name: admin.name },
    });
  }
  clearIngestTargetCache();
  await produceLedger('acme');
  await produceLedger('globex');
}, 60_000);

afterAll(async () => {
  await drop?.();
});

describe('resetDemoLedger', () => {
  it('changes nothing when one statement fails half way (one transaction)', async () => {
    const acme = tenants.acme.id;
    const before = await countRows(acme, LEDGER_TABLES);
    // A row elsewhere that still references one of acme's inbound events: the inbound_events
    // delete, the last one, fails after every other table of acme was already emptied.
    const [event] = await db.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM inbound_events WHERE tenant_id = ${acme}::uuid AND status = 'accepted'
      LIMIT 1`;
    const globex = tenantDb(db, tenants.globex.id);
    const blocker = await globex.transaction.create({
      data: {
        tenantId: tenants.globex.id,
        flowId: tenants.globex.flowIds['orders-paid-to-warehouse'] ?? '',
        inboundEventId: event?.id ?? '',
        businessKey: 'blocker',
        sourceObjectId: 'blocker',
        idempotencyKey: 'blocker',
      },
    });
    await expect(resetDemoLedger(db, 'acme', { actor: ACTOR })).rejects.toThrow(/foreign key/i);
    expect(await countRows(acme, LEDGER_TABLES)).toEqual(before);
    await globex.transaction.delete({ where: { id: blocker.id } });
  });

  it("empties the tenant's ledger and nothing else, with one audit entry", async () => {
    const acme = tenants.acme.id;
    const globex = tenants.globex.id;
    const configBefore = await countRows(acme, CONFIG_TABLES);
    const globexBefore = {
      ...(await countRows(globex, LEDGER_TABLES)),
      ...(await countRows(globex, CONFIG_TABLES)),
    };
    const users = await db.user.count();
    const auditBefore = await db.auditEntry.count({ where: { tenantId: acme } });
    const connectionsBefore = await db.connection.findMany({
      where: { tenantId: acme },
      select: { id: true, baseUrl: true, credentialsEncrypted: true, status: true, settings: true },
      orderBy: { key: 'asc' },
    });

    const reset = await resetDemoLedger(db, 'acme', { actor: ACTOR });

    expect(reset).toEqual({
      tenantId: acme,
      transactions: 2 * 3, // two orders, three flows subscribe to orders/paid
      inboundEvents: 3, // two accepted deliveries and one duplicate
      timelineEntries: 6,
      outbox: 6,
      replayBatches: 1,
      reconciliationRuns: 1,
      driftItems: 1,
      slaBreaches: 1,
      alertEvents: 1,
      replayPreflights: 0,
      issues: 0,
      recoveries: 0,
      overviewHours: 1,
      connectionsHealthCleared: 1,
      audited: true,
    });
    expect(Object.values(await countRows(acme, LEDGER_TABLES)).every((n) => n === 0)).toBe(true);
    expect(await countRows(acme, CONFIG_TABLES)).toEqual(configBefore);
    expect(await db.user.count()).toBe(users);
    expect(
      await db.connection.findMany({
        where: { tenantId: acme },
        select: {
          id: true,
          baseUrl: true,
          credentialsEncrypted: true,
          status: true,
          settings: true,
        },
        orderBy: { key: 'asc' },
      }),
    ).toEqual(connectionsBefore);
    const warehouse = await db.connection.findFirstOrThrow({
      where: { tenantId: acme, key: 'warehouse' },
    });
    expect(warehouse).toMatchObject({
      circuitState: 'closed',
      circuitFailures: 0,
      lastError: null,
    });

    // the other tenant: every row as it was, its open circuit included
    expect({
      ...(await countRows(globex, LEDGER_TABLES)),
      ...(await countRows(globex, CONFIG_TABLES)),
    }).toEqual(globexBefore);
    expect(
      await db.connection.findFirstOrThrow({ where: { tenantId: globex, key: 'warehouse' } }),
    ).toMatchObject({ circuitState: 'open', lastError: 'HTTP 503' });

    // the audit log: nothing removed, one entry added, the chain intact
    expect(await db.auditEntry.count({ where: { tenantId: acme } })).toBe(auditBefore + 1);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: acme },
      orderBy: { seq: 'desc' },
    });
    expect(entry).toMatchObject({
      action: 'demo.reset',
      objectType: 'tenant',
      objectId: acme,
      actorLabel: 'npm run demo',
      reason: expect.stringContaining('simulators start empty') as unknown,
      after: { tenant: 'acme', removed: { transactions: 6, inboundEvents: 3, driftItems: 1 } },
    });
    // the reset's own index lived only inside its transaction: the schema is as migrated
    const [leftover] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_indexes WHERE indexname LIKE 'demo_reset%'`;
    expect(leftover?.n).toBe(0);
    const chain = await verifyAuditChain(db, acme);
    expect(chain.ok).toBe(true);
    expect(chain.head?.seq).toBe(entry.seq);
    expect((await verifyAuditChain(db, globex)).ok).toBe(true);
  });

  it('accepts the previous run’s provider event id again, not as a duplicate', async () => {
    const outcome = await deliver('acme', 1001, REPEATED_EVENT);
    expect(outcome.kind).toBe('accepted');
    // in the other tenant the same id is still the one it had: a duplicate
    expect((await deliver('globex', 1001, REPEATED_EVENT)).kind).toBe('duplicate');
  });

  it('writes no audit entry when there is nothing to reset', async () => {
    await resetDemoLedger(db, 'acme', { actor: ACTOR }); // the delivery of the test above
    const entries = await db.auditEntry.count({ where: { tenantId: tenants.acme.id } });
    const again = await resetDemoLedger(db, 'acme', { actor: ACTOR });
    expect(again).toMatchObject({ transactions: 0, inboundEvents: 0, audited: false });
    expect(await db.auditEntry.count({ where: { tenantId: tenants.acme.id } })).toBe(entries);
  });

  it('refuses a tenant that does not exist', async () => {
    await expect(resetDemoLedger(db, 'nobody', { actor: ACTOR })).rejects.toThrow(/not found/);
  });
});
