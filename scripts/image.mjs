// The image's steps, in one place: the Dockerfile runs them, and so does the production-install
// test (test/production-install.integration.test.ts), because these machines have no Docker daemon.
//
//   node scripts/image.mjs build              install everything and `npm run build` (build stage)
//   node scripts/image.mjs assemble <dir>     the runtime folder: built files, migrations and a
//                                             production-only install (--omit=dev): no tsx, no
//                                             TypeScript, no build tools at run time
//
// The runtime folder runs with plain `node`:
//   node web/server.js                  the console and the API (PORT, HOSTNAME)
//   node dist/worker.mjs                the worker (scale it out: docs/deploy.md)
//   node dist/receiver.mjs              the ingest receiver (RECEIVER_HOST, RECEIVER_PORT; docs/adr/0019)
//   node dist/waybill.mjs <command>     the operator CLI (migrate first on every upgrade)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function npm(args, cwd) {
  execFileSync('npm', args, { cwd, stdio: 'inherit' });
}

export function build() {
  npm(['install', '--no-audit', '--no-fund'], root);
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}

/** Copies what production runs into `dir` and installs the production dependencies there. */
export function assemble(dir) {
  for (const built of [
    '.next/standalone/server.js',
    'dist/worker.mjs',
    'dist/receiver.mjs',
    'dist/packages.json',
  ])
    if (!existsSync(join(root, built)))
      throw new Error(`image: ${built} is missing; run \`npm run build\` first`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const copy = (from, to = from) => cpSync(join(root, from), join(dir, to), { recursive: true });
  copy('.next/standalone', 'web');
  copy('dist');
  copy('prisma/migrations');
  copy('package-lock.json');
  copy('scripts/prepare.mjs');
  // The runtime package: its dependencies and bin, none of the checkout's scripts but postinstall
  // (which knows a production install has nothing to generate).
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // Only what dist/ imports (dist/packages.json, written by the build): the web server carries
  // its own node_modules, so Next, React and the UI packages are not installed twice.
  const used = JSON.parse(readFileSync(join(root, 'dist/packages.json'), 'utf8'));
  const missing = used.filter((name) => !pkg.dependencies[name]);
  if (missing.length)
    throw new Error(`image: dist/ imports ${missing.join(', ')}, not in package.json dependencies`);
  const runtime = {
    name: pkg.name,
    version: pkg.version,
    private: true,
    type: pkg.type,
    engines: pkg.engines,
    bin: pkg.bin,
    scripts: { postinstall: pkg.scripts.postinstall },
    dependencies: Object.fromEntries(used.map((name) => [name, pkg.dependencies[name]])),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(runtime, null, 2)}\n`);
  npm(['install', '--omit=dev', '--no-audit', '--no-fund'], dir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, target] = process.argv.slice(2);
  if (command === 'build') build();
  else if (command === 'assemble' && target) assemble(resolve(target));
  else {
    console.error('usage: node scripts/image.mjs build | assemble <dir>');
    process.exit(2);
  }
}
