// Runs Prisma 6.19's CLI offline (WASM schema engine) for pure `migrate diff`. See ADR 0002.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = join(root, '.tmp');

/** Prisma 6 requires `url` in the datasource block; Prisma 7 forbids it. Derive a copy. */
export function prisma6Schema(schemaPath, name) {
  mkdirSync(tmp, { recursive: true });
  const text = readFileSync(schemaPath, 'utf8')
    .replace(
      /datasource db \{([^}]*)\}/,
      (_m, body) => `datasource db {${body}  url = env("DATABASE_URL")\n}`,
    )
    .replace(
      /generator client \{[^}]*\}/,
      'generator client {\n  provider = "prisma-client-js"\n}',
    );
  const out = join(tmp, `${name}.prisma`);
  writeFileSync(out, text);
  return out;
}

/** SQL that takes a database from `fromSchema` (or empty) to `toSchema`. */
export function diffSql(fromSchema, toSchema) {
  mkdirSync(tmp, { recursive: true });
  const dummy = join(tmp, 'no-engine');
  writeFileSync(dummy, '');
  const to = prisma6Schema(toSchema, 'to');
  const fromArgs = fromSchema
    ? ['--from-schema-datamodel', prisma6Schema(fromSchema, 'from')]
    : ['--from-empty'];
  return execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/prisma6/build/index.js'),
      'migrate',
      'diff',
      '--config',
      join(root, 'scripts/lib/prisma6.config.ts'),
      ...fromArgs,
      '--to-schema-datamodel',
      to,
      '--script',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WAYBILL_PRISMA6_SCHEMA: to,
        PRISMA_SCHEMA_ENGINE_BINARY: dummy,
        PRISMA_QUERY_ENGINE_LIBRARY: dummy,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      },
    },
  );
}
