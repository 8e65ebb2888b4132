// Databases for tests: one migrated template per run, then a fresh copy per suite (CREATE
// DATABASE ... TEMPLATE is a file copy: ~100 ms). Each suite drops its own database at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '@/lib/db/migrate';

export const PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
// One template per run (the name travels to test workers in the environment): two runs at once on
// one machine — a developer's and an editor's, or parallel helpers — must not drop each other's.
export const TEMPLATE_DB =
  (process.env.WB_TEST_TEMPLATE ??= `waybill_test_template_${process.pid}`);

export function urlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function createEmptyDatabase(
  prefix = 'wb_test',
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return { name, url: urlFor(name), drop: () => dropDatabase(name) };
}

/** Builds the migrated template; called once per run (per vitest project) by the global setup. */
export async function prepareTemplate(name = TEMPLATE_DB): Promise<void> {
  await dropDatabase(name);
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  await migrate(urlFor(name), 'prisma/migrations');
}

export async function createTestDatabase(): Promise<{
  name: string;
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `wb_test_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`));
  return { name, url: urlFor(name), drop: () => dropDatabase(name) };
}
