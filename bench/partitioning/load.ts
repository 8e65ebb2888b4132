// Generates the study's data inside PostgreSQL (generate_series, INSERT … SELECT), in chunks so
// progress shows and the time budget is checked between statements. One inbound event per
// transaction, four timeline entries per transaction (inbound.accepted, command.sent with a
// small request, provider.accepted with the provider's response body, status.changed), spread
// evenly from `start` to `now`. Bodies come from pools of md5 text (pglz finds little to
// compress in it, so the sizes are what is stored): inbound bodies 1–2 KB, every 20th ~6 KB
// (large enough to be stored in TOAST); response bodies 1–2 KB inside timeline data.
import type pg from 'pg';

export interface LoadPlan {
  events: number;
  start: Date;
  now: Date;
  chunks: number;
}

export const setupSql = `
  -- plain expressions, so the planner inlines them (a function call per row is most of the load)
  CREATE FUNCTION study_uuid7(ts timestamptz, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (lpad(to_hex(floor(extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7'
            || substr(md5(n::text), 1, 3) || '8' || substr(md5(n::text), 4, 15))::uuid $$;
  CREATE FUNCTION study_id(prefix int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (lpad(to_hex(prefix), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$;
  CREATE TABLE body_pool (k int PRIMARY KEY, b text NOT NULL);
  INSERT INTO body_pool
    SELECT k, '{"id":' || k || ',"line_items":"' || (SELECT string_agg(md5(k || ':' || j), '')
              FROM generate_series(1, 30 + k % 31) j) || '"}'
    FROM generate_series(0, 4095) k;
  CREATE TABLE big_pool (k int PRIMARY KEY, b text NOT NULL);
  INSERT INTO big_pool
    SELECT k, '{"id":' || k || ',"line_items":"' || (SELECT string_agg(md5('big' || k || ':' || j), '')
              FROM generate_series(1, 190) j) || '"}'
    FROM generate_series(0, 255) k;
  ANALYZE body_pool; ANALYZE big_pool;`;

/** i in (lo, hi]: the chunk's events, their transactions and the transactions' timelines. */
function chunkSql(plan: LoadPlan, lo: number, hi: number): string[] {
  const span = (plan.now.getTime() - plan.start.getTime()) / 1000;
  const ts = `(timestamptz '${plan.start.toISOString()}' + make_interval(secs => ${span} * i / ${plan.events}))`;
  return [
    `INSERT INTO plain.inbound_events (id, tenant_id, connection_id, provider_event_id, dedupe_key, topic,
        status, signature_verdict, headers, body, size_bytes, received_at)
     SELECT study_uuid7(ts, i), study_id(1, i % 4), study_id(2, i % 16), 'evt_' || i, 'evt_' || i, 'orders/paid',
            'accepted', 'valid', '{"content-type":"application/json","x-shopify-hmac-sha256":"[redacted]"}',
            b, octet_length(b), ts
     FROM generate_series(${lo + 1}::bigint, ${hi}) i
     CROSS JOIN LATERAL (SELECT ${ts} AS ts) t
     CROSS JOIN LATERAL (SELECT CASE WHEN i % 20 = 0 THEN (SELECT b FROM big_pool WHERE k = i % 256)
                                     ELSE (SELECT b FROM body_pool WHERE k = (i * 7919) % 4096) END AS b) p`,
    `INSERT INTO plain.transactions (id, tenant_id, flow_id, inbound_event_id, business_key, source_object_id,
        idempotency_key, status, customer_email, external_refs, created_at, updated_at)
     SELECT study_uuid7(ts + interval '50 ms', -i), study_id(1, i % 4), study_id(3, i % 16), study_uuid7(ts, i),
            (100000 + i)::text, 'gid://order/' || i, 'flow:' || (i % 16) || ':order:' || i, 'completed',
            'c' || (i % 50000) || '@example.test', jsonb_build_object('warehouse', 'FUL-' || i),
            ts + interval '50 ms', ts + interval '2 s'
     FROM generate_series(${lo + 1}::bigint, ${hi}) i CROSS JOIN LATERAL (SELECT ${ts} AS ts) t`,
    `INSERT INTO plain.timeline_entries (id, tenant_id, transaction_id, kind, type, summary, actor, from_status, to_status, data, occurred_at)
     SELECT (i - 1) * 4 + k, study_id(1, i % 4), tx, 'event',
            (ARRAY['inbound.accepted','command.sent','provider.accepted','status.changed'])[k + 1],
            (ARRAY['Order ' || i || ' accepted','POST /orders sent','201 Created','processing -> completed'])[k + 1],
            CASE WHEN k = 0 THEN 'system' ELSE 'worker' END,
            CASE WHEN k = 3 THEN 'processing' END, CASE WHEN k = 0 THEN 'received' WHEN k = 3 THEN 'completed' END,
            CASE k WHEN 0 THEN jsonb_build_object('inboundEventId', ev, 'providerEventId', 'evt_' || i, 'topic', 'orders/paid')
                   WHEN 1 THEN jsonb_build_object('attempt', 1, 'method', 'POST', 'url', 'https://wms.example.test/orders',
                                 'request', jsonb_build_object('order', (100000 + i)::text, 'lines', substr(md5(i::text), 1, 24)))
                   WHEN 2 THEN jsonb_build_object('status', 201, 'durationMs', 120,
                                 'response', (SELECT b FROM body_pool WHERE k = (i * 104729) % 4096))
                   ELSE jsonb_build_object('attempt', 1) END,
            ts + interval '50 ms' + k * interval '400 ms'
     FROM generate_series(${lo + 1}::bigint, ${hi}) i
     CROSS JOIN LATERAL (SELECT ts, study_uuid7(ts + interval '50 ms', -i) AS tx, study_uuid7(ts, i) AS ev
                           FROM (SELECT ${ts} AS ts) x OFFSET 0) t
     CROSS JOIN generate_series(0, 3) k`,
  ];
}

export async function loadPlain(
  client: pg.Client,
  plan: LoadPlan,
  progress: (done: number) => void,
): Promise<void> {
  for (let c = 0; c < plan.chunks; c++) {
    const lo = Math.floor((plan.events * c) / plan.chunks);
    const hi = Math.floor((plan.events * (c + 1)) / plan.chunks);
    for (const sql of chunkSql(plan, lo, hi)) await client.query(sql);
    progress(hi);
  }
}

/** The same rows into the partitioned tables (tuple routing picks each row's month). */
export const copyToPartSql = [
  `INSERT INTO part.inbound_events SELECT * FROM plain.inbound_events`,
  `INSERT INTO part.transactions SELECT t.*, t.created_at - interval '50 ms' FROM plain.transactions t`,
  `INSERT INTO part.timeline_entries SELECT * FROM plain.timeline_entries`,
];
