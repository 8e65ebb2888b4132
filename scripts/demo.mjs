// `npm run demo`: the whole product on this machine — installs what is missing, checks PostgreSQL
// and Redis (and says how to start them), migrates and seeds the `waybill` database, resets the
// demo tenant's ledger (the simulators start empty; DEMO_KEEP_LEDGER=1 keeps it), builds if
// needed, then runs web + ingest receiver + worker + simulators + traffic until Ctrl-C, which stops
// all of them. The simulators deliver their webhooks to the receiver (docs/adr/0019).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkServices, ensureNodeModules } from './lib/preflight.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function fail(message) {
  console.error(`\ndemo: ${message}`);
  process.exit(1);
}

function run(label, args) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) fail(`${label} failed (exit ${result.status}).`);
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

ensureNodeModules(root);
if (!existsSync('.env')) {
  copyFileSync('.env.example', '.env');
  console.log('demo: created .env from .env.example (development defaults)');
}
process.loadEnvFile('.env');
const env = process.env;

const problems = await checkServices({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
if (problems.length) fail(`cannot start yet:\n  - ${problems.join('\n  - ')}`);
// A second demo would fail at its ports anyway, but only after it had reset the running one's ledger.
const commerceSim = env.COMMERCE_SIM_URL ?? 'http://127.0.0.1:4101';
const answered = await fetch(`${commerceSim}/_admin/chaos`, { signal: AbortSignal.timeout(1000) })
  .then(() => true)
  .catch(() => false);
if (answered)
  fail(`a demo is already running (a simulator answers at ${commerceSim}): stop it first.`);

const { ensurePrismaClient } = await import('./prepare.mjs');
ensurePrismaClient();

// Create the database named in DATABASE_URL when it does not exist yet.
const pg = (await import('pg')).default;
const target = new URL(env.DATABASE_URL);
const dbName = decodeURIComponent(target.pathname.slice(1));
const adminUrl = new URL(env.DATABASE_URL);
adminUrl.pathname = '/postgres';
const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
if (exists.rowCount === 0) {
  await admin.query(`CREATE DATABASE "${dbName.replaceAll('"', '""')}"`);
  console.log(`demo: created database ${dbName}`);
}
await admin.end();

run('migrate', ['--import', 'tsx', 'scripts/migrate.ts']);
run('seed', ['--import', 'tsx', 'prisma/seed.ts']);

// The simulators keep their state in memory and start from the same seeded ids at every start, so
// the ledger of the previous run would collide with the new one (its events "duplicates", its ERP
// references reissued to other orders). Reset the demo tenant's with them (audited, configuration
// kept: scripts/demo-reset.ts), before anything can send to Waybill.
if (['1', 'true', 'yes'].includes((env.DEMO_KEEP_LEDGER ?? '').toLowerCase())) {
  console.log(
    "demo: DEMO_KEEP_LEDGER=1: the previous run's ledger is kept; the simulators start empty and " +
      'repeat its ids, so expect duplicates and drift against it',
  );
  // At least the storefront's order numbers (so its order ids and the transactions' idempotency
  // keys) continue after the kept ones. After a reset they start at 1001.
  const ledger = new pg.Client({ connectionString: env.DATABASE_URL });
  await ledger.connect();
  const { rows } = await ledger.query(
    `SELECT coalesce(max(t.business_key::bigint), 1000) AS n
       FROM transactions t JOIN tenants ON tenants.id = t.tenant_id AND tenants.slug = $1
      WHERE t.business_key ~ '^[0-9]{1,15}$'`,
    [env.DEMO_TENANT_SLUG ?? 'acme'],
  );
  await ledger.end();
  env.COMMERCE_FIRST_ORDER_NUMBER = String(Number(rows[0].n) + 1);
} else run('ledger reset', ['--import', 'tsx', 'scripts/demo-reset.ts']);

const buildId = '.next/standalone/server.js';
const stale =
  !existsSync(buildId) ||
  ['app', 'components', 'lib', 'worker', 'cli'].some(
    (d) => newestSource(d) > statSync(buildId).mtimeMs,
  );
if (stale) {
  console.log('demo: building the web app (next build, ~30 s) ...');
  run('build', ['scripts/build.mjs']);
}

const port = env.PORT ?? '3000';
const children = [];
let stopping = false;

function start(name, args, childEnv = env) {
  // Own process group per child: whatever a child forks stops with it.
  const child = spawn(process.execPath, args, {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `[${name}]`.padEnd(12);
  const print = (chunk) => {
    for (const line of chunk.toString().split('\n'))
      if (line.trim()) console.log(`${prefix} ${line}`);
  };
  child.stdout.on('data', print);
  child.stderr.on('data', print);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`demo: ${name} exited (${signal ?? code}); stopping everything.`);
      void stopAll(1);
    }
  });
  children.push({ name, child });
  return child;
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\ndemo: stopping ...');
  const signalGroup = (child, signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const alive = children.filter(
    ({ child }) => child.exitCode === null && child.signalCode === null,
  );
  for (const { child } of alive) signalGroup(child, 'SIGTERM');
  await Promise.race([
    Promise.all(alive.map(({ child }) => new Promise((resolve) => child.once('exit', resolve)))),
    new Promise((resolve) => setTimeout(resolve, 10_000)),
  ]);
  // Each group this command started, by its own id: whatever is left goes now.
  for (const { child } of children) signalGroup(child, 'SIGKILL');
  console.log('demo: stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

// The web app and the worker connect as the application's own role (APP_DATABASE_URL, created by
// the migrations): it may not update or delete the audit log. Migrations and the seed above ran as
// the owner (DATABASE_URL).
// The simulators listen where their *_SIM_URL says (127.0.0.1), which the outbound guard refuses
// unless OUTBOUND_ALLOW_HOSTS names it: the demo names their hosts, whatever an older .env says.
const simulatorHosts = ['COMMERCE', 'WAREHOUSE', 'PAYMENTS', 'ERP', 'CRM']
  .map((name) => env[`${name}_SIM_URL`])
  .filter(Boolean)
  .map((url) => new URL(url).hostname.replace(/^\[|\]$/g, ''));
const allowHosts = (env.OUTBOUND_ALLOW_HOSTS ?? env.ALERT_WEBHOOK_ALLOW_HOSTS ?? '')
  .split(',')
  .map((h) => h.trim())
  .filter(Boolean);
const appEnv = {
  ...env,
  OUTBOUND_ALLOW_HOSTS: [...new Set([...allowHosts, ...simulatorHosts])].join(','),
  DATABASE_URL: env.APP_DATABASE_URL || env.DATABASE_URL,
  // The web server is the production build (NODE_ENV=production), which refuses the development
  // secrets of .env.example; the demo runs on them on purpose, and says so (docs/deploy.md).
  WAYBILL_ALLOW_DEVELOPMENT_SETTINGS: '1',
};
// The receiver takes the simulators' webhooks. An older .env still names the web's /api/ingest
// (port 3000): those URLs are moved to the receiver, anything else is left as configured.
const receiverPort = env.RECEIVER_PORT ?? '3100';
const receiverUrl = `http://127.0.0.1:${receiverPort}`;
const webhookUrls = Object.fromEntries(
  ['COMMERCE', 'WAREHOUSE', 'PAYMENTS', 'DOCKYARD']
    .map((name) => [`${name}_WEBHOOK_URL`, env[`${name}_WEBHOOK_URL`]])
    .filter(([, value]) => value?.startsWith(`http://127.0.0.1:${port}/api/ingest/`))
    .map(([key, value]) => [key, value.replace(`http://127.0.0.1:${port}`, receiverUrl)]),
);
start('receiver', ['--import', 'tsx', 'receiver/index.ts'], {
  ...appEnv,
  RECEIVER_HOST: '127.0.0.1',
  RECEIVER_PORT: receiverPort,
});
start('simulators', ['--import', 'tsx', 'simulators/index.ts'], { ...env, ...webhookUrls });
start('web', ['.next/standalone/server.js'], {
  ...appEnv,
  PORT: port,
  HOSTNAME: '127.0.0.1',
  KEEP_ALIVE_TIMEOUT: '65000',
});
start('worker', ['--import', 'tsx', 'worker/index.ts'], appEnv);

const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 120; i++) {
  try {
    if ((await fetch(`${url}/api/health`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
start('traffic', ['--import', 'tsx', 'scripts/traffic.ts']);

const domain = env.DEMO_USER_DOMAIN ?? 'acme.test';
console.log(`
  Waybill is running: ${url}

  Sign in (password "${env.DEMO_PASSWORD}"):
    admin@${domain}     everything, including settings
    support@${domain}   read, search, replay, resolve, pause
    finance@${domain}   read, reconciliation, exports, audit
    viewer@${domain}    read only, personal data masked

  Webhooks: POST ${receiverUrl}/api/ingest/${env.DEMO_TENANT_SLUG}/commerce (signed with COMMERCE_WEBHOOK_SECRET;
            the ingest receiver, health at ${receiverUrl}/health; the web app's /api/ingest answers alike)
  Health:   ${url}/api/health${
    env.METRICS_TOKEN
      ? `     Metrics: curl -H "Authorization: Bearer ${env.METRICS_TOKEN}" ${url}/api/metrics`
      : '     Metrics: off (set METRICS_TOKEN in .env)'
  }
  Ctrl-C stops everything this command started.
`);
