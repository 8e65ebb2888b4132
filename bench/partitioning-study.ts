// Should inbound_events and timeline_entries be natively partitioned by month? Builds today's
// tables and the partitioned shape side by side at 10,000,000 timeline entries (2,500,000 inbound
// events and transactions), then measures what retention does (rewrite one month's bodies in
// bounded batches, VACUUM), what partitioning would offer instead (detach/drop a month) and the
// hot paths. Decision and figures: docs/adr/0024-no-native-partitioning-for-the-ledger.md.
//
//   npx tsx bench/partitioning-study.ts          # 8-12 min on a 2-core box, ~25 GB of disk while it runs
//   STUDY_SCALE=0.02 npx tsx bench/partitioning-study.ts   # smoke run
//
// It creates its own database (waybill_partition_study_<pid>) on PostgreSQL at STUDY_PG_URL
// (default postgresql://postgres@127.0.0.1:5432/postgres) and drops it at the end, on error, on
// Ctrl-C and when STUDY_BUDGET_MIN (default 30) minutes have passed. No other database is touched.
import pg from 'pg';
import { percentiles } from './console/stats';
import { copyToPartSql, loadPlain, setupSql, type LoadPlan } from './partitioning/load';
import {
  expungeMonth,
  ingest,
  redeliver,
  reads,
  sampleKeys,
  sizes,
  timed,
  type Design,
} from './partitioning/measure';
import { operationsTable, resultTable, type DesignResult } from './partitioning/report';
import { monthsBetween, partRefusals, partSchema, plainSchema } from './partitioning/schema';

const env = process.env;
const scale = Number(env.STUDY_SCALE ?? 1);
const samples = Number(env.STUDY_SAMPLES ?? 200);
const budgetMs = Number(env.STUDY_BUDGET_MIN ?? 30) * 60_000;
const adminUrl = env.STUDY_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const dbName = `waybill_partition_study_${process.pid}`;
const started = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${m}`);
const seconds = async (fn: () => Promise<unknown>) => (await timed(fn)).ms / 1000;

let dropped = false;
async function dropDatabase(): Promise<void> {
  if (dropped) return;
  dropped = true;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // FORCE ends this script's own sessions on it (PostgreSQL 13+); the name is ours alone
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  log(`dropped ${dbName}`);
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const client = new pg.Client({
    connectionString: url.toString(),
    application_name: 'waybill-partition-study',
  });
  // the database is dropped WITH (FORCE) on a stop: that ends this session, expectedly
  client.on('error', () => undefined);
  await client.connect();
  // session settings only: a bulk load's memory; the measured writes commit synchronously
  await client.query(
    `SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'; SET statement_timeout = '15min'`,
  );
  await client.query(`CREATE EXTENSION pg_freespacemap`);

  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1));
  const events = Math.round(2_500_000 * scale);
  const plan: LoadPlan = { events, start, now, chunks: Math.max(1, Math.round(10 * scale)) };
  const months = monthsBetween(start, now);
  const oldest = months[0]!;
  log(
    `${dbName}: ${events.toLocaleString('en')} inbound events and transactions, ${(events * 4).toLocaleString('en')} timeline entries, ${start.toISOString().slice(0, 10)} .. now, ${months.length} monthly partitions`,
  );

  const build: Record<Design, DesignResult['build']> = {
    plain: { loadS: 0, indexS: 0, vacuumS: 0 },
    part: { loadS: 0, indexS: 0, vacuumS: 0 },
  };
  await client.query(setupSql);
  await client.query(plainSchema.tables);
  await client.query(`SET synchronous_commit = off`);
  build.plain.loadS = await seconds(() =>
    loadPlain(client, plan, (done) => log(`plain: ${done.toLocaleString('en')} events loaded`)),
  );
  build.plain.indexS = await seconds(async () => {
    for (const sql of plainSchema.indexes) await client.query(sql);
  });
  await client.query(
    `SELECT setval('plain.timeline_entries_id_seq', (SELECT max(id) FROM plain.timeline_entries))`,
  );
  // autovacuum is off on this server: VACUUM once, as a steady state would have it
  build.plain.vacuumS = await seconds(() =>
    client.query(
      `VACUUM (ANALYZE) plain.inbound_events, plain.transactions, plain.timeline_entries`,
    ),
  );
  log(`plain built: ${JSON.stringify(build.plain)}`);

  const part = partSchema(months);
  for (const sql of part.tables) await client.query(sql);
  build.part.loadS = await seconds(async () => {
    for (const sql of copyToPartSql) await client.query(sql);
  });
  build.part.indexS = await seconds(async () => {
    for (const sql of part.indexes) await client.query(sql);
  });
  await client.query(
    `SELECT setval('part.timeline_entries_id_seq', (SELECT max(id) FROM plain.timeline_entries))`,
  );
  build.part.vacuumS = await seconds(() =>
    client.query(`VACUUM (ANALYZE) part.inbound_events, part.transactions, part.timeline_entries`),
  );
  await client.query(`SET synchronous_commit = on`);
  log(`partitioned built: ${JSON.stringify(build.part)}`);

  const ops: { what: string; outcome: string }[] = [];
  for (const r of partRefusals) {
    const outcome = await client.query(r.sql).then(
      () => 'accepted (unexpected)',
      (e: unknown) => `refused: "${(e as Error).message}"`,
    );
    ops.push({ what: r.what, outcome });
  }

  const keys = await sampleKeys(client, samples);
  const body = (await client.query<{ b: string }>(`SELECT b FROM body_pool WHERE k = 7`)).rows[0]!
    .b;
  const results = {} as Record<Design, DesignResult>;
  for (const design of ['plain', 'part'] as const) {
    const before = {
      inbound: await sizes(client, `${design}.inbound_events`),
      timeline: await sizes(client, `${design}.timeline_entries`),
    };
    await reads(client, design, keys); // warm-up pass, same keys
    const r = await reads(client, design, keys);
    const w = await ingest(client, design, keys, Math.max(100, samples * 2), body);
    const redelivery = await redeliver(client, design, keys);
    log(`${design}: reads and writes measured`);
    const ex = await timed(() => expungeMonth(client, design, oldest));
    if (env.STUDY_VERBOSE) console.log(ex.value.plans);
    const batches = percentiles([...ex.value.inbound, ...ex.value.timeline]);
    const sum = (a: number[]) => a.reduce((s, x) => s + x, 0) / 1000;
    const afterExpunge = {
      inbound: await sizes(client, `${design}.inbound_events`),
      timeline: await sizes(client, `${design}.timeline_entries`),
    };
    // partitioned: only the month's partitions were written, so only they need a VACUUM
    const target = (t: string) => (design === 'part' ? `part.${t}_${oldest.name}` : `plain.${t}`);
    const vacuum = {
      inboundS: await seconds(() => client.query(`VACUUM ${target('inbound_events')}`)),
      timelineS: await seconds(() => client.query(`VACUUM ${target('timeline_entries')}`)),
    };
    const afterVacuum = {
      inbound: await sizes(client, `${design}.inbound_events`),
      timeline: await sizes(client, `${design}.timeline_entries`),
    };
    // new deliveries after the VACUUM, the same body mix (every 20th large, in TOAST): do they
    // fill the space the expunge freed, or grow the files?
    await client.query(
      `INSERT INTO ${design}.inbound_events (id, tenant_id, connection_id, provider_event_id, dedupe_key, status, signature_verdict, body, size_bytes)
       SELECT gen_random_uuid(), study_id(1, 0), study_id(2, 99), 'new_' || i, 'new_' || i, 'accepted', 'valid', b, octet_length(b)
         FROM generate_series(1, 50000) i
         CROSS JOIN LATERAL (SELECT CASE WHEN i % 20 = 0 THEN (SELECT b FROM big_pool WHERE k = i % 256)
                                         ELSE (SELECT b FROM body_pool WHERE k = i % 4096) END AS b) p`,
    );
    const grown = await sizes(client, `${design}.inbound_events`);
    const growth = {
      heapMB: grown.heapMB - afterVacuum.inbound.heapMB,
      toastMB: grown.toastMB - afterVacuum.inbound.toastMB,
    };
    results[design] = {
      build: build[design],
      before,
      reads: r,
      ingest: w,
      redelivery,
      expunge: {
        inboundRows: ex.value.inboundRows,
        timelineRows: ex.value.timelineRows,
        inboundS: sum(ex.value.inbound),
        timelineS: sum(ex.value.timeline),
        batchP50: batches.p50,
        batchP95: batches.p95,
      },
      afterExpunge,
      vacuum,
      afterVacuum,
      growth,
    };
    log(`${design}: expunge ${ex.ms.toFixed(0)} ms, VACUUM ${JSON.stringify(vacuum)}`);
  }

  // What partitioning is for: a month leaving whole. The ledger forbids it (rows stay), and the
  // foreign key from transactions stops it for inbound_events while any transaction points there.
  const inboundMonth = `part.inbound_events_${oldest.name}`;
  const detachInbound = await timed(() =>
    client.query(`ALTER TABLE part.inbound_events DETACH PARTITION ${inboundMonth}`).then(
      () => 'detached',
      (e: unknown) => `refused: "${(e as Error).message}"`,
    ),
  );
  ops.push({
    what: `DETACH the oldest inbound_events month`,
    outcome: `${detachInbound.value} (${detachInbound.ms.toFixed(0)} ms)`,
  });
  const full = await timed(() => client.query(`VACUUM FULL ${inboundMonth}`));
  const fullSize = await sizes(client, inboundMonth);
  ops.push({
    what: `VACUUM FULL of that expunged month (ACCESS EXCLUSIVE on it)`,
    outcome: `${(full.ms / 1000).toFixed(1)} s, month now ${(fullSize.heapMB + fullSize.toastMB).toFixed(0)} MB + ${fullSize.indexMB.toFixed(0)} MB idx`,
  });
  const timelineMonth = `part.timeline_entries_${oldest.name}`;
  const detach = await timed(() =>
    client.query(`ALTER TABLE part.timeline_entries DETACH PARTITION ${timelineMonth}`),
  );
  const drop = await timed(() => client.query(`DROP TABLE ${timelineMonth}`));
  ops.push({
    what: `DETACH + DROP the oldest timeline_entries month (deletes the facts: not allowed)`,
    outcome: `${detach.ms.toFixed(0)} ms + ${drop.ms.toFixed(0)} ms`,
  });
  await client.end();

  console.log(
    `\nPartitioning study, ${new Date().toISOString().slice(0, 10)}, ${(events * 4).toLocaleString('en')} timeline entries, ${events.toLocaleString('en')} inbound events, oldest month ${oldest.name}, ${samples} samples per read (p50 / p95, buffers of one EXPLAIN ANALYZE)\n`,
  );
  console.log(resultTable(results));
  console.log(`\n${operationsTable(ops)}\n`);
  console.log(`timeline plan, partitioned:\n${results.part.reads.timeline.plan}\n`);
  log('done');
}

const deadline = setTimeout(() => {
  log(`budget of ${budgetMs / 60_000} min spent: stopping`);
  void dropDatabase().finally(() => process.exit(3));
}, budgetMs);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void dropDatabase().finally(() => process.exit(130)));
}
main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    clearTimeout(deadline);
    await dropDatabase().catch((e: unknown) => console.error(`could not drop ${dbName}:`, e));
  });
