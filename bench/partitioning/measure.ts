// The study's measurements, each run the same way against `plain.*` and `part.*`: sizes, the
// retention expunge of one month's bodies in bounded keyset batches, VACUUM, and the hot paths
// (the ingest-shaped write, one transaction's timeline, the newest-first inbound list, an inbound
// event by id). Wall time around each statement (performance.now), medians over repetitions.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { uuid7 } from '@/lib/db/uuid7';
import { percentiles } from '../console/stats';
import type { Month } from './schema';

export type Design = 'plain' | 'part';
export const MARKER = '{"expunged":"retention"}';
const BATCH = 2000;

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const MB = (bytes: number | string) => Number(bytes) / 1024 / 1024;

/** Heap, TOAST and index bytes of a table, its partitions summed; free = what the FSMs record. */
export async function sizes(client: pg.Client, table: string) {
  const { rows } = await client.query<{
    heap: string;
    toast: string;
    idx: string;
    free: string;
    toast_free: string;
  }>(
    `SELECT coalesce(sum(pg_relation_size(c.oid)), 0) AS heap,
            coalesce(sum(pg_relation_size(c.reltoastrelid)), 0) AS toast,
            coalesce(sum(pg_indexes_size(c.oid)), 0) AS idx,
            coalesce(sum((SELECT sum(avail) FROM pg_freespace(c.oid))), 0) AS free,
            coalesce(sum((SELECT sum(avail) FROM pg_freespace(c.reltoastrelid) WHERE c.reltoastrelid <> 0)), 0) AS toast_free
       FROM (SELECT $1::regclass AS relid UNION SELECT relid FROM pg_partition_tree($1::regclass)) p
       JOIN pg_class c ON c.oid = p.relid
      WHERE c.relkind = 'r'`,
    [table],
  );
  const r = rows[0]!;
  return {
    heapMB: MB(r.heap),
    toastMB: MB(r.toast),
    indexMB: MB(r.idx),
    freeMB: MB(r.free),
    toastFreeMB: MB(r.toast_free),
  };
}
export type Sizes = Awaited<ReturnType<typeof sizes>>;

/**
 * Retention's rewrite of one month: bodies replaced by a marker, rows kept, in batches of 2,000
 * rows walked by keyset on the primary key (ids are time-ordered: UUIDv7, a sequence), each batch
 * one statement and one commit. The batch is chosen by the key alone, so every plan is an index
 * range scan of 2,000 rows whatever the statistics say about the body filters; partitioned, the
 * month's bounds also prune the walk to the month's partition (what partitioning offers here).
 */
export async function expungeMonth(client: pg.Client, design: Design, month: Month) {
  const range = [month.from.toISOString(), month.to.toISOString()];
  const walk = async (table: 'inbound_events' | 'timeline_entries', start: string) => {
    const [time, set, hasBody] =
      table === 'inbound_events'
        ? ['received_at', `body = $4`, `body <> $4`]
        : [
            'occurred_at',
            `data = jsonb_set(t.data, '{response}', $4::jsonb)`,
            `data ? 'response' AND data->'response' <> $4::jsonb`,
          ];
    const pruned = design === 'part' ? `AND ${time} >= $2 AND ${time} < $3` : '';
    const times: number[] = [];
    let rows = 0;
    // The rewrite names its rows by primary key as an array (an init-plan, not a join): with a
    // join, the planner, expecting few bodies, chose a sequential scan of the table per batch.
    const sql = `WITH batch AS MATERIALIZED (
             SELECT id, ${time}, ${hasBody} AS has_body FROM ${design}.${table}
              WHERE id > $1 ${pruned} ORDER BY id LIMIT ${BATCH}
           ), rewritten AS (
             UPDATE ${design}.${table} t SET ${set}
              WHERE t.id = ANY(ARRAY(SELECT id FROM batch WHERE has_body AND ${time} >= $2 AND ${time} < $3))
                AND t.${time} >= $2 AND t.${time} < $3
             RETURNING 1)
           SELECT (SELECT id::text FROM batch ORDER BY id DESC LIMIT 1) AS last,
                  (SELECT max(${time}) FROM batch) AS newest, (SELECT count(*) FROM rewritten) AS n`;
    for (let last = start; ;) {
      const r = await timed(() =>
        client.query<{ last: string | null; newest: Date | null; n: string }>(sql, [
          last,
          ...range,
          MARKER,
        ]),
      );
      const row = r.value.rows[0]!;
      if (row.last === null) break;
      times.push(r.ms);
      rows += Number(row.n);
      last = row.last;
      if (row.newest && row.newest >= month.to) break; // walked past the month
    }
    // the first batch again (its bodies are markers now, so it rewrites nothing): its plan
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [
      start,
      ...range,
      MARKER,
    ]);
    return { times, rows, plan: plan.rows.map((x) => x['QUERY PLAN']).join('\n') };
  };
  const inbound = await walk('inbound_events', '00000000-0000-0000-0000-000000000000');
  const timeline = await walk('timeline_entries', '0');
  return {
    inbound: inbound.times,
    inboundRows: inbound.rows,
    timeline: timeline.times,
    timelineRows: timeline.rows,
    plans: `${inbound.plan}\n\n${timeline.plan}`,
  };
}

export interface Keys {
  tenantId: string;
  connectionId: string;
  flowId: string;
  transactions: { id: string; tenantId: string }[];
  events: { id: string; tenantId: string; receivedAt: string }[];
  cursors: string[];
}

export async function sampleKeys(client: pg.Client, n: number): Promise<Keys> {
  const tx = await client.query<{ id: string; tenant_id: string }>(
    `SELECT id::text, tenant_id::text FROM plain.transactions TABLESAMPLE SYSTEM (1) ORDER BY random() LIMIT $1`,
    [n],
  );
  const ev = await client.query<{ id: string; tenant_id: string; received_at: Date }>(
    `SELECT id::text, tenant_id::text, received_at FROM plain.inbound_events TABLESAMPLE SYSTEM (1) ORDER BY random() LIMIT $1`,
    [n],
  );
  const first = ev.rows[0]!;
  return {
    tenantId: first.tenant_id,
    connectionId: (await client.query<{ c: string }>(`SELECT study_id(2, 0)::text AS c`)).rows[0]!
      .c,
    flowId: (await client.query<{ f: string }>(`SELECT study_id(3, 0)::text AS f`)).rows[0]!.f,
    transactions: tx.rows.map((r) => ({ id: r.id, tenantId: r.tenant_id })),
    events: ev.rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      receivedAt: r.received_at.toISOString(),
    })),
    cursors: ev.rows.map((r) => r.received_at.toISOString()),
  };
}

/** The ingest write of lib/ledger/write-accepted.ts, one event -> one transaction, per design. */
export function ingestSql(design: Design): string {
  const part = design === 'part';
  return `
    WITH event AS (
      INSERT INTO ${design}.inbound_events (id, tenant_id, connection_id, provider_event_id, dedupe_key, topic, status, signature_verdict, headers, body, size_bytes)
      VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $4, 'orders/paid', 'accepted', 'valid', '{}'::jsonb, $5, octet_length($5))
      ON CONFLICT (connection_id, dedupe_key${part ? ', received_at' : ''}) DO NOTHING
      RETURNING id, received_at
    ), txn AS (
      INSERT INTO ${design}.transactions (id, tenant_id, flow_id, inbound_event_id, ${part ? 'inbound_event_received_at, ' : ''}business_key, source_object_id, idempotency_key, status)
      SELECT $6::uuid, $2::uuid, $7::uuid, event.id, ${part ? 'event.received_at, ' : ''}$4, $4, $4, 'received' FROM event
      ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
      RETURNING id, flow_id
    ), timeline AS (
      INSERT INTO ${design}.timeline_entries (tenant_id, transaction_id, kind, type, summary, actor, to_status, data)
      SELECT $2::uuid, txn.id, 'event', 'inbound.accepted', 'accepted', 'system', 'received', jsonb_build_object('providerEventId', $4::text) FROM txn
    ), queued AS (
      INSERT INTO ${design}.outbox (tenant_id, transaction_id, connection_id, flow_id)
      SELECT $2::uuid, txn.id, $3::uuid, txn.flow_id FROM txn RETURNING connection_id
    )
    SELECT (SELECT id::text FROM event) AS event_id`;
}

export async function ingest(
  client: pg.Client,
  design: Design,
  keys: Keys,
  n: number,
  body: string,
) {
  const sql = ingestSql(design);
  const samples: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const evt = `study_${design}_${process.pid}_${i}`;
    const r = await timed(() =>
      client.query(sql, [
        uuid7(),
        keys.tenantId,
        keys.connectionId,
        evt,
        body,
        uuid7(),
        keys.flowId,
      ]),
    );
    samples.push(r.ms);
  }
  return { ...percentiles(samples), perSecond: (n * 1000) / (performance.now() - t0) };
}

/**
 * The same provider event delivered twice: accepted inbound rows and transactions that result.
 * Today the dedupe index answers the second delivery; partitioned, the only legal unique index
 * includes received_at, which a redelivery never repeats.
 */
export async function redeliver(client: pg.Client, design: Design, keys: Keys) {
  const evt = `study_dup_${design}_${process.pid}`;
  const sql = ingestSql(design);
  const params = () => [uuid7(), keys.tenantId, keys.connectionId, evt, '{}', uuid7(), keys.flowId];
  const first = await client.query<{ event_id: string | null }>(sql, params());
  await new Promise((r) => setTimeout(r, 20));
  const second = await client.query<{ event_id: string | null }>(sql, params());
  const { rows } = await client.query<{ events: string; txns: string }>(
    `SELECT (SELECT count(*) FROM ${design}.inbound_events WHERE connection_id = $1 AND dedupe_key = $2) AS events,
            (SELECT count(*) FROM ${design}.transactions WHERE tenant_id = $3 AND idempotency_key = $2) AS txns`,
    [keys.connectionId, evt, keys.tenantId],
  );
  return {
    /** the write answered "new event" both times (today: null the second time) */
    acceptedTwice: first.rows[0]?.event_id != null && second.rows[0]?.event_id != null,
    events: Number(rows[0]!.events),
    transactions: Number(rows[0]!.txns),
  };
}

export async function reads(client: pg.Client, design: Design, keys: Keys) {
  const run = async (sql: string, params: (k: number) => unknown[]) => {
    const samples: number[] = [];
    for (let k = 0; k < keys.transactions.length; k++) {
      samples.push((await timed(() => client.query(sql, params(k)))).ms);
    }
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      params(0),
    );
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    const hit = /shared hit=(\d+)/.exec(text)?.[1] ?? '0';
    const read = /read=(\d+)/.exec(text)?.[1] ?? '0';
    return { ...percentiles(samples), buffers: Number(hit) + Number(read), plan: text };
  };
  const ev = (k: number) => keys.events[k % keys.events.length]!;
  return {
    timeline: await run(
      `SELECT id, kind, type, summary, actor, from_status, to_status, data, occurred_at
         FROM ${design}.timeline_entries WHERE tenant_id = $1 AND transaction_id = $2
        ORDER BY occurred_at, id LIMIT 501`,
      (k) => [keys.transactions[k]!.tenantId, keys.transactions[k]!.id],
    ),
    listFirst: await run(
      `SELECT id, topic, provider_event_id, status, size_bytes, received_at FROM ${design}.inbound_events
        WHERE tenant_id = $1 ORDER BY received_at DESC, id DESC LIMIT 51`,
      (k) => [ev(k).tenantId],
    ),
    listDeep: await run(
      `SELECT id, topic, provider_event_id, status, size_bytes, received_at FROM ${design}.inbound_events
        WHERE tenant_id = $1 AND received_at <= $2 AND (received_at < $2 OR id < $3)
        ORDER BY received_at DESC, id DESC LIMIT 51`,
      (k) => [ev(k).tenantId, ev(k).receivedAt, ev(k).id],
    ),
    eventById: await run(
      `SELECT id, body FROM ${design}.inbound_events WHERE tenant_id = $1 AND id = $2`,
      (k) => [ev(k).tenantId, ev(k).id],
    ),
  };
}
export type Reads = Awaited<ReturnType<typeof reads>>;
