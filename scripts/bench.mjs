// `npm run bench`: prepares (dependencies, Prisma client, build) and runs bench/run.ts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkServices, ensureNodeModules } from './lib/preflight.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureNodeModules(root);
const { ensurePrismaClient } = await import('./prepare.mjs');
ensurePrismaClient();
const problems = await checkServices({
  databaseUrl: 'postgresql://postgres@127.0.0.1:5432/postgres',
  needRedisServer: true,
});
// The console, reconciliation and retention scenarios need neither pgbench nor a Next build.
const selected = process.env.BENCH_SCENARIOS?.split(',');
const noEngine = !!selected?.every((label) =>
  ['console', 'reconciliation', 'retention'].includes(label),
);
if (!noEngine && spawnSync('pgbench', ['--version']).status !== 0)
  problems.push(
    'pgbench is not on PATH (the commit ceiling): apt-get install -y postgresql-client',
  );
if (problems.length) {
  console.error(`npm run bench cannot run yet:\n  - ${problems.join('\n  - ')}`);
  process.exit(2);
}
if (!noEngine && !existsSync('.next/standalone/server.js'))
  spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
  stdio: 'inherit',
  env: process.env,
});
process.exit(run.status ?? 1);
