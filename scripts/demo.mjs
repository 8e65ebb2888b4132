// `npm run demo`: the whole product on this machine — installs what is missing, checks PostgreSQL
// and Redis (and says how to start them), migrates and seeds the `waybill` database, builds if
// needed, then runs web + worker + simulators + traffic until Ctrl-C, which stops all of them.
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

const buildId = '.next/BUILD_ID';
const stale =
  !existsSync(buildId) ||
  ['app', 'components', 'lib'].some((d) => newestSource(d) > statSync(buildId).mtimeMs);
if (stale) {
  console.log('demo: building the web app (next build, ~30 s) ...');
  run('build', ['node_modules/next/dist/bin/next', 'build']);
}

// Continue order numbers after the ones the ledger already holds: the simulator keeps none.
const ledger = new pg.Client({ connectionString: env.DATABASE_URL });
await ledger.connect();
const { rows } = await ledger.query(
  "SELECT coalesce(max(business_key::bigint), 1000) AS n FROM transactions WHERE business_key ~ '^[0-9]{1,15}$'",
);
await ledger.end();
env.COMMERCE_FIRST_ORDER_NUMBER = String(Number(rows[0].n) + 1);

const port = env.PORT ?? '3000';
const children = [];
let stopping = false;

function start(name, args, childEnv = env) {
  // Own process group per child: `next start` forks next-server, which must stop with it.
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
const appEnv = { ...env, DATABASE_URL: env.APP_DATABASE_URL || env.DATABASE_URL };
start('simulators', ['--import', 'tsx', 'simulators/index.ts']);
start('web', ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', port], appEnv);
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

  Webhooks: POST ${url}/api/ingest/${env.DEMO_TENANT_SLUG}/commerce (signed with COMMERCE_WEBHOOK_SECRET)
  Health:   ${url}/api/health     Metrics: ${url}/api/metrics
  Ctrl-C stops everything this command started.
`);
