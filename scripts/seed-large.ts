// `npm run seed:large [-- --reset] [-- --force]`: the demo tenant with 1,000,000 transactions and
// about 5,000,000 timeline entries over the last 30 days, for the console latency bench
// (bench/console-latency.ts, docs/performance.md). Generated inside PostgreSQL, a day per batch
// (scripts/lib/large-data/*.sql), with every index of the migrations in place.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createDb } from '@/lib/db';
import { migrate } from '@/lib/db/migrate';
import { refreshOverviewRollups } from '@/lib/overview/refresh-rollups';
import { keyRingFromEnv } from '@/lib/crypto/key-ring';
import { loadDotEnv } from '@/lib/env';
import { seedDemoTenant } from '@/prisma/seed-demo';
import {
  ensureDatabase,
  largeDatabaseUrl,
  readMarker,
  resetLedger,
  writeMarker,
} from './lib/large-data/target';

/** x 3.2 transactions per order (see batch.sql) = 1,000,000; SEED_LARGE_ORDERS for a smoke run */
const ORDERS = Number(process.env.SEED_LARGE_ORDERS ?? 312_500);
const DAYS = 30;
const DEV_KEY = 'ZGV2LW9ubHktd2F5YmlsbC1lbmNyeXB0aW9uLWtleSE='; // .env.example's development key

loadDotEnv();
const args = new Set(process.argv.slice(2));
const reset = args.has('--reset');
const force = args.has('--force');
const url = largeDatabaseUrl(process.env);
const where = url.replace(/\/\/[^@/]*@/, '//');
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

/**
 * The Overview's hourly roll-ups of everything loaded (a worker would build them over time), so
 * the bench measures the Overview as it runs in production. Recomputing is idempotent: a rerun on
 * a loaded database (or one loaded before roll-ups existed) runs it again.
 */
async function rollUp(fromS: number): Promise<void> {
  const db = createDb({ connectionString: url, poolSize: 2 });
  try {
    const r = await refreshOverviewRollups(db, { from: new Date(fromS * 1000), to: new Date() });
    console.log(`seed:large: Overview roll-ups: ${r.hours} hours, ${r.rows} rows (${seconds()} s)`);
  } finally {
    await db.$disconnect();
  }
  await client.query('VACUUM (ANALYZE) overview_hourly');
}

if (await ensureDatabase(url)) console.log(`seed:large: created database ${where}`);
await migrate(url, 'prisma/migrations');
const client = new pg.Client({ connectionString: url, application_name: 'waybill-seed-large' });
await client.connect();
try {
  const marker = await readMarker(client);
  const existing = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM transactions LIMIT 1000) t',
  );
  const hasRows = Number(existing.rows[0]?.n ?? 0) > 0;
  if (marker?.state === 'loaded' && !reset) {
    console.log(
      `seed:large: ${where} is already loaded (${marker.transactions} transactions, ` +
        `${marker.timelineEntries} timeline entries, ${marker.loadedAt}); --reset reloads it.`,
    );
    await rollUp(Math.floor(Date.now() / 1000) - (DAYS + 1) * 86_400);
    process.exit(0);
  }
  if (hasRows && !marker && !force) {
    console.error(
      `seed:large: REFUSED. ${where} holds transactions that seed:large did not write (real or ` +
        `demo data). It would add a million synthetic rows to them${reset ? ' or empty them' : ''}.\n` +
        `Point LARGE_DATABASE_URL at a database of its own (default: waybill_large on the same ` +
        `server), or pass --force if you really mean this database.`,
    );
    process.exit(2);
  }
  // An interrupted load resumes after its last committed day, in the same time window.
  const resume = marker?.state === 'loading' && !reset && marker.nowS ? marker : null;
  if (hasRows && !resume) {
    console.log('seed:large: emptying the ledger tables first ...');
    await resetLedger(client);
  }
  const nowS = resume?.nowS ?? Math.floor(Date.now() / 1000);
  const startS = resume?.startS ?? nowS - DAYS * 86_400;
  const firstDay = resume?.daysDone ?? 0;
  if (resume) console.log(`seed:large: resuming an interrupted load after day ${firstDay}`);
  await writeMarker(client, { state: 'loading', startS, nowS, daysDone: firstDay });

  const env = process.env;
  const db = createDb({ connectionString: url, poolSize: 2 });
  const { tenantId } = await seedDemoTenant(db, {
    slug: env.DEMO_TENANT_SLUG ?? 'acme',
    name: env.DEMO_TENANT_NAME ?? 'Acme Outfitters',
    userDomain: env.DEMO_USER_DOMAIN ?? 'acme.test',
    password: env.DEMO_PASSWORD ?? 'waybill-demo',
    commerceWebhookSecret: env.COMMERCE_WEBHOOK_SECRET ?? 'dev-commerce-webhook-secret',
    commerceUrl: env.COMMERCE_SIM_URL ?? 'http://127.0.0.1:4101',
    warehouseUrl: env.WAREHOUSE_SIM_URL ?? 'http://127.0.0.1:4102',
    warehouseApiToken: env.WAREHOUSE_API_TOKEN ?? 'dev-warehouse-token',
    keyRing: keyRingFromEnv({
      WAYBILL_ENCRYPTION_KEY:
        env.WAYBILL_ENCRYPTION_KEY ?? (env.WAYBILL_ENCRYPTION_KEYS ? undefined : DEV_KEY),
      WAYBILL_ENCRYPTION_KEYS: env.WAYBILL_ENCRYPTION_KEYS,
      WAYBILL_ENCRYPTION_KEY_ID: env.WAYBILL_ENCRYPTION_KEY_ID,
    }),
    // the timelines below show three attempts before a transaction fails
    retryPolicy: { maxAttempts: 3, baseDelayMs: 4000, maxDelayMs: 5 * 60_000 },
    inventoryPollEveryMs: 0,
  });
  await db.$disconnect();

  const sql = (name: string) => readFileSync(`scripts/lib/large-data/${name}.sql`, 'utf8');
  const setup = sql('setup');
  const batch = sql('batch');
  const outage = new Date((nowS - 5 * 86_400) * 1000);
  outage.setUTCHours(9, 15, 0, 0);
  const settings = async (values: Record<string, string | number>, local: boolean) => {
    for (const [key, value] of Object.entries(values))
      await client.query('SELECT set_config($1, $2, $3)', [`seed.${key}`, String(value), local]);
  };
  // Foreign-key triggers off for this session only (needs a superuser; without, the checks run):
  // every reference is built from rows inserted just before, and per-row checks cost more than
  // the inserts. The constraints stay defined; later writes are checked as usual.
  await client.query('SET session_replication_role = replica').catch(() => {
    console.log('seed:large: not a superuser, foreign keys are checked row by row (slower)');
  });
  await settings({ tenant: tenantId }, false);
  await client.query(setup);
  console.log(`seed:large: loading ${DAYS} days into ${where} (tenant ${tenantId}) ...`);
  for (let day = firstDay; day < DAYS; day++) {
    const lo = Math.floor((ORDERS * day) / DAYS);
    const hi = Math.floor((ORDERS * (day + 1)) / DAYS);
    await client.query('BEGIN');
    await settings(
      {
        lo,
        hi,
        start: startS,
        step: (DAYS * 86_400) / ORDERS,
        now: nowS,
        outage: outage.getTime() / 1000,
      },
      true,
    );
    await client.query('SELECT setseed($1)', [(day + 1) / (DAYS + 1)]);
    await client.query(batch);
    await writeMarker(client, { state: 'loading', startS, nowS, daysDone: day + 1 });
    await client.query('COMMIT');
    console.log(`  day ${day + 1}/${DAYS}: orders ${lo}-${hi - 1} (${seconds()} s)`);
  }

  console.log('seed:large: VACUUM ANALYZE (visibility maps and planner statistics) ...');
  for (const table of ['inbound_events', 'transactions', 'timeline_entries', 'outbox'])
    await client.query(`VACUUM (ANALYZE) ${table}`);
  // GIN's fast-update list (MBs after a bulk load) is scanned by every search probe until
  // merged; VACUUM without dead rows may leave it, so merge it here.
  await client.query(`SELECT gin_clean_pending_list('transactions_external_refs_idx')`);

  await rollUp(startS);

  const count = async (table: string) =>
    Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  const transactions = await count('transactions');
  const timelineEntries = await count('timeline_entries');
  const inbound = await count('inbound_events');
  const outbox = await count('outbox');
  const statuses = await client.query<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM transactions GROUP BY 1 ORDER BY 2 DESC',
  );
  const size = await client.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  await writeMarker(client, {
    state: 'loaded',
    transactions,
    timelineEntries,
    loadedAt: new Date().toISOString(),
  });
  console.log(
    `seed:large: done in ${seconds()} s — ${transactions} transactions, ${timelineEntries} ` +
      `timeline entries, ${inbound} inbound events, ${outbox} outbox rows; database ` +
      `${size.rows[0]?.size}\n  by status: ` +
      statuses.rows.map((r) => `${r.status} ${r.n}`).join(', '),
  );
} finally {
  await client.end();
}
