// `npm run build`: everything production runs, as plain JavaScript started with `node` — the Next
// app as standalone output (.next/standalone/server.js, its static files copied beside it) and every
// other process bundled by esbuild into dist/ (the worker, the ingest receiver, the `waybill`
// operator CLI). Packages stay external: a production install (`npm install --omit=dev`) provides
// them; nothing at run time needs tsx or another dev dependency. Build-time tools (Next, esbuild,
// Prisma's generator) do.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrismaClient } from './prepare.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** The long-running processes and tools besides the web app: entry point -> dist file. */
export const ENTRY_POINTS = {
  'worker/index.ts': 'dist/worker.mjs',
  'receiver/index.ts': 'dist/receiver.mjs',
  'cli/waybill.ts': 'dist/waybill.mjs',
};

function step(label, args) {
  const started = Date.now();
  const run = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  if (run.status !== 0) {
    console.error(`build: ${label} failed (exit ${run.status})`);
    process.exit(1);
  }
  console.log(`build: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function bundle() {
  const esbuild = await import('esbuild');
  rmSync('dist', { recursive: true, force: true });
  mkdirSync('dist');
  const result = await esbuild.build({
    metafile: true,
    entryPoints: Object.fromEntries(
      Object.entries(ENTRY_POINTS).map(([from, to]) => [
        to.replace(/^dist\//, '').replace(/\.mjs$/, ''),
        from,
      ]),
    ),
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  // The packages the bundles import: the runtime folder installs these (scripts/image.mjs), the
  // web server brings its own (Next traces them into .next/standalone/node_modules).
  const packages = new Set();
  for (const output of Object.values(result.metafile.outputs))
    for (const { path, external } of output.imports)
      if (external && !path.startsWith('node:')) packages.add(packageOf(path));
  writeFileSync('dist/packages.json', `${JSON.stringify([...packages].sort(), null, 2)}\n`);
}

/** "@prisma/client/runtime/client" -> "@prisma/client", "pino" -> "pino" */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

ensurePrismaClient();
step('next build', ['node_modules/next/dist/bin/next', 'build']);
// The standalone server serves static files from beside itself (Next leaves the copy to us).
cpSync('.next/static', '.next/standalone/.next/static', { recursive: true });
if (existsSync('public')) cpSync('public', '.next/standalone/public', { recursive: true });
const started = Date.now();
await bundle();
console.log(
  `build: ${Object.values(ENTRY_POINTS).join(', ')} bundled in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
