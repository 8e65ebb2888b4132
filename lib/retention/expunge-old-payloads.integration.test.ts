// Payload retention on a real database: 100,000 old inbound payloads (set-based SQL), 2,000 old
// transactions with request and response bodies on their timelines, recent ones, drift items and
// a second tenant without retention. One run replaces exactly the old bodies by the marker in
// statements of at most the batch size, while webhooks recorded through the real ingest use case
// keep being accepted; rows, statuses, references and timeline facts are what they were; a second
// run changes nothing (no row rewritten); the run and the setting are in the audit log.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit';
import { createDb, tenantDb, type Db } from '@/lib/db';
import { recordInbound } from '@/lib/ingest/record-inbound';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { seedOldPayloads } from '@/test/support/old-payloads';
import { recordingWaker } from '@/test/support/wakes';
import { sampleOrder, signedOrderWebhook } from '@/test/support/webhooks';
import { expungeOldPayloads, type ExpungeOutcome } from './expunge-old-payloads';
import { TIMELINE_BODY_KEYS, expungedMarker, expungedText } from './payload-marker';
import { getPayloadRetention, setPayloadRetention } from './retention-setting';

const OLD = 100_000;
const OLD_TRANSACTIONS = 2_000;
const BATCH = 1_000;
const ADMIN = { id: 'cli:ops', label: 'waybill CLI (ops)' };
const KEYS = [...TIMELINE_BODY_KEYS];

let db: Db;
let drop: () => Promise<void>;
const acme = { id: '', connectionId: '', flowId: '' };
const globex = { id: '', connectionId: '', flowId: '' };
/** when the test's own writes began: rows before it are the seeded ones */
let seededBefore: Date;
let replayedEntryId = 0n;
let now: Date;
let first: ExpungeOutcome;
const delivered: { ms: number; kind: string }[] = [];

function deliver(orderNumber: number) {
  const hook = signedOrderWebhook(sampleOrder(orderNumber), 'secret-secret', {
    eventId: randomUUID(),
  });
  return recordInbound(
    { db, keyRing: FIXTURE_KEY_RING, wake: recordingWaker().wake },
    {
      tenantSlug: 'acme',
      connectionKey: 'commerce',
      rawBody: Buffer.from(hook.body),
      headers: new Headers(hook.headers),
      tooLarge: false,
      sizeBytes: hook.body.length,
    },
  );
}

/** Everything retention must leave as it was: counts and a digest of the facts of every row. */
async function facts(tenantId: string) {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT
      (SELECT count(*) FROM inbound_events WHERE tenant_id = ${tenantId}::uuid AND received_at < ${seededBefore})::int AS inbound,
      (SELECT md5(string_agg(concat_ws('|', id, status, provider_event_id, topic, size_bytes, received_at), ',' ORDER BY id))
         FROM inbound_events WHERE tenant_id = ${tenantId}::uuid AND received_at < ${seededBefore}) AS inbound_facts,
      (SELECT count(*) FROM transactions WHERE tenant_id = ${tenantId}::uuid AND created_at < ${seededBefore})::int AS transactions,
      (SELECT md5(string_agg(concat_ws('|', id, status, external_refs, attempts, business_key, inbound_event_id, error_class, completed_at), ',' ORDER BY id))
         FROM transactions WHERE tenant_id = ${tenantId}::uuid AND created_at < ${seededBefore}) AS transaction_facts,
      (SELECT count(*) FROM timeline_entries te JOIN transactions t ON t.id = te.transaction_id
         WHERE te.tenant_id = ${tenantId}::uuid AND t.created_at < ${seededBefore})::int AS timeline,
      (SELECT md5(string_agg(concat_ws('|', te.id, te.kind, te.type, te.summary, te.actor, te.from_status, te.to_status, te.occurred_at, te.data - ${KEYS}::text[]), ',' ORDER BY te.id))
         FROM timeline_entries te JOIN transactions t ON t.id = te.transaction_id
         WHERE te.tenant_id = ${tenantId}::uuid AND t.created_at < ${seededBefore}) AS timeline_facts,
      (SELECT md5(string_agg(concat_ws('|', id, kind, state, business_key, provider_ref, created_at), ',' ORDER BY id))
         FROM drift_items WHERE tenant_id = ${tenantId}::uuid) AS drift_facts`;
  return row;
}

async function count(sql: Promise<{ n: number }[]>): Promise<number> {
  return (await sql)[0]?.n ?? -1;
}

let before: { acme: unknown; globex: unknown };

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 6 });
  for (const [slug, t] of [
    ['acme', acme],
    ['globex', globex],
  ] as const) {
    const seeded = await seedFixtureTenant(db, slug);
    Object.assign(t, {
      id: seeded.tenantId,
      connectionId: seeded.commerceConnectionId,
      flowId: seeded.flowId,
    });
  }
  const base = { connectionId: acme.connectionId, flowId: acme.flowId, tenantId: acme.id };
  await seedOldPayloads(db, { ...base, count: OLD, transactions: OLD_TRANSACTIONS, ageDays: 40 });
  await seedOldPayloads(db, { ...base, count: 50, transactions: 50, ageDays: 1, prefix: 'recent' });
  await seedOldPayloads(db, {
    tenantId: globex.id,
    connectionId: globex.connectionId,
    flowId: globex.flowId,
    count: 1_000,
    transactions: 100,
    ageDays: 40,
  });
  // A replay yesterday of a 40-day-old transaction: its new answer is recent and stays.
  const [replayed] = await db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO timeline_entries (tenant_id, transaction_id, kind, type, summary, actor, data, occurred_at)
    SELECT tenant_id, id, 'event', 'provider.accepted', 'replayed', 'worker',
           '{"status": 200, "response": {"id": "FUL-again"}}'::jsonb, now() - interval '1 day'
    FROM transactions WHERE tenant_id = ${acme.id}::uuid AND business_key LIKE 'old-%'
    ORDER BY created_at LIMIT 1
    RETURNING id`;
  replayedEntryId = replayed?.id ?? 0n;
  // Drift: an old item with the provider's record, an old one without, a recent one with.
  const scoped = tenantDb(db, acme.id);
  const run = await scoped.reconciliationRun.create({
    data: {
      tenantId: acme.id,
      flowId: acme.flowId,
      windowFrom: new Date(Date.now() - 41 * 86_400_000),
      windowTo: new Date(Date.now() - 40 * 86_400_000),
      trigger: 'api',
      requestedBy: 'Fiona Finance',
    },
  });
  const drift = (businessKey: string, ageDays: number, record: boolean) => ({
    tenantId: acme.id,
    runId: run.id,
    flowId: acme.flowId,
    kind: 'missing_in_ledger' as const,
    businessKey,
    createdAt: new Date(Date.now() - ageDays * 86_400_000),
    ...(record && { providerRecord: { order_number: businessKey, email: 'x@example.com' } }),
  });
  await scoped.driftItem.createMany({
    data: [drift('d-old', 40, true), drift('d-old-bare', 40, false), drift('d-new', 1, true)],
  });
  await db.$executeRaw`ANALYZE`;
  seededBefore = new Date();
  before = { acme: await facts(acme.id), globex: await facts(globex.id) };
});

afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

describe('payload retention', () => {
  it('is off until an admin sets it, and setting it is audited with before and after', async () => {
    expect(await getPayloadRetention(db, acme.id)).toEqual({ days: null, rule: null });
    const off = await expungeOldPayloads(db, { tenantId: acme.id });
    expect(off).toMatchObject({ days: null, inboundEvents: 0, batches: 0 });

    const set = await setPayloadRetention(db, acme.id, { days: '30', actor: ADMIN });
    expect(set).toEqual({
      days: 30,
      rule: 'retention: payloads older than 30 days',
      previous: null,
      changed: true,
    });
    expect((await setPayloadRetention(db, acme.id, { days: 30, actor: ADMIN })).changed).toBe(
      false,
    );
    const entries = await db.auditEntry.findMany({
      where: { tenantId: acme.id, action: 'tenant.retention_changed' },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorLabel: ADMIN.label,
      before: { payloadRetentionDays: null },
      after: { payloadRetentionDays: 30 },
    });
    // the database refuses what the schema refuses, whoever writes
    await expect(
      db.$executeRaw`UPDATE tenants SET payload_retention_days = 0 WHERE id = ${acme.id}::uuid`,
    ).rejects.toThrow(/payload_retention_days_range/);
  });

  it('expunges 100,000 old payloads in bounded batches while ingest keeps accepting', async () => {
    now = new Date();
    let running = true;
    const started = performance.now();
    const job = expungeOldPayloads(db, { tenantId: acme.id, now, batchSize: BATCH }).finally(
      () => (running = false),
    );
    // two senders, as a load balancer's receivers would be, for as long as the run lasts
    const sender = async (lane: number) => {
      for (let i = 0; running; i += 1) {
        const t0 = performance.now();
        const outcome = await deliver(5000 + lane * 10_000 + i);
        delivered.push({ ms: performance.now() - t0, kind: outcome.kind });
      }
    };
    await Promise.all([sender(0), sender(1)]);
    first = await job;
    const elapsedMs = performance.now() - started;

    expect(first).toMatchObject({
      days: 30,
      inboundEvents: OLD,
      // command.sent and provider.accepted of each old transaction; not the recent replay
      timelineEntries: OLD_TRANSACTIONS * 2,
      driftItems: 1,
      stopped: false,
      rule: 'retention: payloads older than 30 days',
    });
    expect(first.cutoff).toBe(new Date(now.getTime() - 30 * 86_400_000).toISOString());
    expect(first.maxRowsPerStatement).toBeLessThanOrEqual(BATCH);
    expect(first.batches).toBeGreaterThanOrEqual(OLD / BATCH + (OLD_TRANSACTIONS * 2) / BATCH);

    // ingest answered throughout: every delivery accepted, none stalled behind the run
    expect(delivered.length).toBeGreaterThanOrEqual(20);
    expect(delivered.every((d) => d.kind === 'accepted')).toBe(true);
    expect(Math.max(...delivered.map((d) => d.ms))).toBeLessThan(Math.max(2_000, elapsedMs / 4));
  });

  it('leaves the marker in every old body and nothing else changed', async () => {
    const marker = expungedMarker(now, 30);
    const text = expungedText(marker);
    const cutoff = new Date(first.cutoff ?? '');
    expect(
      await count(db.$queryRaw`SELECT count(*)::int AS n FROM inbound_events
        WHERE tenant_id = ${acme.id}::uuid AND received_at < ${cutoff}
          AND body = ${text} AND headers = ${JSON.stringify(marker)}::jsonb`),
    ).toBe(OLD);
    // recent payloads, seeded and delivered during the run, are untouched
    expect(
      await count(db.$queryRaw`SELECT count(*)::int AS n FROM inbound_events
        WHERE tenant_id = ${acme.id}::uuid AND received_at >= ${cutoff} AND body LIKE '{"expunged"%'`),
    ).toBe(0);
    expect(
      await count(db.$queryRaw`SELECT count(*)::int AS n FROM inbound_events
        WHERE tenant_id = ${acme.id}::uuid AND received_at >= ${cutoff}
          AND body LIKE '{"%' AND headers ? 'content-type'`),
    ).toBe(50 + delivered.length);
    expect(
      await count(db.$queryRaw`SELECT count(*)::int AS n FROM inbound_events
        WHERE tenant_id = ${acme.id}::uuid AND provider_event_id LIKE 'recent-%'
          AND body LIKE '{"order_number":%'`),
    ).toBe(50);

    // old facts: every body key is the marker; the replay's recent answer is whole
    expect(
      await count(db.$queryRaw`SELECT count(*)::int AS n FROM timeline_entries te
        WHERE te.tenant_id = ${acme.id}::uuid AND te.occurred_at < ${cutoff}
          AND EXISTS (SELECT 1 FROM jsonb_each(te.data) f
                      WHERE f.key = ANY(${KEYS}::text[]) AND f.value <> ${JSON.stringify(marker)}::jsonb)`),
    ).toBe(0);
    const sample = await db.timelineEntry.findFirstOrThrow({
      where: { tenantId: acme.id, type: 'provider.accepted', occurredAt: { lt: cutoff } },
    });
    expect(sample.data).toEqual({
      status: 201,
      durationMs: 12,
      response: marker,
      responseHeaders: marker,
    });
    const replay = await db.timelineEntry.findUniqueOrThrow({ where: { id: replayedEntryId } });
    expect(replay.data).toEqual({ status: 200, response: { id: 'FUL-again' } });
    expect(
      await count(db.$queryRaw`SELECT count(*)::int AS n FROM timeline_entries
        WHERE tenant_id = ${acme.id}::uuid AND occurred_at >= ${cutoff} AND data ? 'requestBody'
          AND data->'requestBody' ? 'ref'`),
    ).toBe(50);

    const drift = await db.driftItem.findMany({
      where: { tenantId: acme.id },
      orderBy: { businessKey: 'asc' },
    });
    expect(drift.map((d) => [d.businessKey, d.providerRecord])).toEqual([
      ['d-new', { order_number: 'd-new', email: 'x@example.com' }],
      ['d-old', marker],
      ['d-old-bare', null],
    ]);

    // rows, statuses, references, timeline facts: as they were; the other tenant: all of it
    expect(await facts(acme.id)).toEqual(before.acme);
    expect(await facts(globex.id)).toEqual(before.globex);
    expect(
      await count(db.$queryRaw`SELECT count(*)::int AS n FROM inbound_events
        WHERE tenant_id = ${globex.id}::uuid AND body LIKE '{"expunged"%'`),
    ).toBe(0);
  });

  it('is idempotent: a second run rewrites no row and writes no audit entry', async () => {
    const xmins = () =>
      db.$queryRaw<{ x: string }[]>`
        (SELECT xmin::text AS x FROM inbound_events WHERE tenant_id = ${acme.id}::uuid
          ORDER BY received_at LIMIT 3)
        UNION ALL
        (SELECT xmin::text FROM timeline_entries WHERE tenant_id = ${acme.id}::uuid
          AND type = 'command.sent' ORDER BY id LIMIT 3)`;
    const was = await xmins();
    const again = await expungeOldPayloads(db, { tenantId: acme.id, now, batchSize: BATCH });
    expect(again).toMatchObject({
      inboundEvents: 0,
      timelineEntries: 0,
      driftItems: 0,
      maxRowsPerStatement: 0,
    });
    expect(await xmins()).toEqual(was);

    const runs = await db.auditEntry.findMany({
      where: { tenantId: acme.id, action: 'retention.expunged' },
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      actorLabel: 'system',
      objectType: 'tenant',
      objectId: acme.id,
      after: {
        cutoff: first.cutoff,
        rule: 'retention: payloads older than 30 days',
        inboundEvents: OLD,
        timelineEntries: OLD_TRANSACTIONS * 2,
        driftItems: 1,
        batches: first.batches,
        complete: true,
      },
    });
    expect((await verifyAuditChain(db, acme.id)).ok).toBe(true);
  });

  it('stops at a batch boundary when asked, and the next run finishes the work', async () => {
    // globex: 1,000 old payloads and 100 old transactions, untouched so far
    await setPayloadRetention(db, globex.id, { days: 7, actor: ADMIN });
    let batches = 0;
    const cut = await expungeOldPayloads(db, {
      tenantId: globex.id,
      batchSize: 300,
      shouldStop: () => batches++ >= 2,
    });
    expect(cut).toMatchObject({ stopped: true, batches: 2, inboundEvents: 600 });
    const rest = await expungeOldPayloads(db, { tenantId: globex.id, batchSize: 300 });
    expect(rest).toMatchObject({ stopped: false, inboundEvents: 400, timelineEntries: 200 });
    expect(rest.maxRowsPerStatement).toBeLessThanOrEqual(300);
    const runs = await db.auditEntry.findMany({
      where: { tenantId: globex.id, action: 'retention.expunged' },
      orderBy: { seq: 'asc' },
    });
    expect(runs.map((r) => (r.after as { complete: boolean }).complete)).toEqual([false, true]);
    expect(await facts(globex.id)).toEqual(before.globex);
  });
});
