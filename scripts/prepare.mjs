// Prepares a checkout to run: generates the Prisma client when schema.prisma changed since the
// last generation. Runs on `npm install` (postinstall) and before `npm test` / `npm run demo`.
// Prisma 7's `generate` first tries to download its Rust schema engine (impossible offline) but
// never executes it: pointing PRISMA_SCHEMA_ENGINE_BINARY at any file skips the download.
// Never use that variable for migrate commands (see docs/adr/0002-offline-migrations.md).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = join(root, 'prisma/schema.prisma');
const generated = join(root, 'lib/db/generated');
const stamp = join(generated, '.schema-sha256');

export function ensurePrismaClient() {
  const hash = createHash('sha256').update(readFileSync(schema)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return false;
  const tmp = join(root, '.tmp');
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'no-engine'), '');
  execFileSync(process.execPath, [join(root, 'node_modules/prisma/build/index.js'), 'generate'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: join(tmp, 'no-engine'),
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  writeFileSync(stamp, hash);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // A production install (`npm install --omit=dev`, the image's runtime stage) has no Prisma CLI
  // and needs none: the generated client is bundled into the build (dist/, .next/standalone).
  if (
    process.argv.includes('--generate-only') &&
    existsSync(join(root, 'node_modules/.package-lock.json')) &&
    !existsSync(join(root, 'node_modules/prisma/build/index.js'))
  ) {
    console.log('prepare: production install, nothing to generate (the client is in the build)');
    process.exit(0);
  }
  if (!existsSync(join(root, 'node_modules/prisma/build/index.js'))) {
    console.error(
      'prepare: node_modules is missing; run `npm install --no-audit --no-fund` first.',
    );
    process.exit(1);
  }
  if (ensurePrismaClient()) console.log('prepare: Prisma client generated in lib/db/generated');
}
