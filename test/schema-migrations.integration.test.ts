// schema.prisma and prisma/migrations must describe the same database. One database is built by
// applying the migrations (our Prisma-compatible applier), another from the datamodel alone
// (Prisma's own diff from empty); their catalogs must be identical.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '@/lib/db/migrate';
import { diffSql } from '@/scripts/lib/prisma6.mjs';
import { createEmptyDatabase } from './support/database';

type Db = Awaited<ReturnType<typeof createEmptyDatabase>>;
let fromMigrations: Db;
let fromSchema: Db;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Indexes Prisma's schema language cannot express (partial, INCLUDE): they exist only in
 * hand-written migrations, with the reason in the migration. Compared apart from the rest.
 */
const MIGRATION_ONLY_INDEXES = [
  'transactions_open_failures_idx',
  'alert_events_one_open_idx',
  'recoveries_one_active_idx',
];
const migrationOnly = `indexname IN (${MIGRATION_ONLY_INDEXES.map((n) => `'${n}'`).join(', ')})`;
/** CHECK constraints, which Prisma's schema language cannot express either: a range the database
 *  itself refuses to leave, whatever writes the row (payload retention: 1 to 3650 days). */
const MIGRATION_ONLY_CONSTRAINTS = ['tenants_payload_retention_days_range'];
const constraintOnly = `conname IN (${MIGRATION_ONLY_CONSTRAINTS.map((n) => `'${n}'`).join(', ')})`;

const CATALOG = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, datetime_precision
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY table_name, column_name`,
  // Storage parameters (WITH (...)) and INCLUDE columns are set by hand-written migrations;
  // compared apart below.
  indexes: `SELECT tablename, indexname, regexp_replace(indexdef, '( INCLUDE \\([^)]*\\))?( WITH \\(.*\\))?$', '') AS indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND NOT ${migrationOnly} ORDER BY indexname`,
  constraints: `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
                  AND NOT ${constraintOnly} ORDER BY conname`,
  enums: `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY t.typname`,
};

beforeAll(async () => {
  fromMigrations = await createEmptyDatabase('wb_schema_m');
  fromSchema = await createEmptyDatabase('wb_schema_s');
  await migrate(fromMigrations.url, 'prisma/migrations');
  await query(fromSchema.url, diffSql(null, 'prisma/schema.prisma'));
}, 120_000);
afterAll(async () => {
  await fromMigrations?.drop();
  await fromSchema?.drop();
});

describe('schema.prisma and migrations', () => {
  it.each(Object.keys(CATALOG) as (keyof typeof CATALOG)[])(
    'describe the same %s',
    async (part) => {
      const [a, b] = await Promise.all([
        query(fromMigrations.url, CATALOG[part]),
        query(fromSchema.url, CATALOG[part]),
      ]);
      expect(a.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
    },
  );

  it('has the migration-only check constraints, and only in the migrations', async () => {
    const find = `SELECT conname FROM pg_constraint WHERE ${constraintOnly} ORDER BY conname`;
    expect(await query(fromMigrations.url, find)).toEqual(
      MIGRATION_ONLY_CONSTRAINTS.map((conname) => ({ conname })),
    );
    expect(await query(fromSchema.url, find)).toEqual([]);
  });

  it('has the migration-only indexes, and only in the migrations', async () => {
    const sql = `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND ${migrationOnly} ORDER BY indexname`;
    const [a, b] = await Promise.all([query(fromMigrations.url, sql), query(fromSchema.url, sql)]);
    expect(a.map((r) => (r as { indexname: string }).indexname)).toEqual(
      [...MIGRATION_ONLY_INDEXES].sort(),
    );
    expect(b).toEqual([]);
  });

  it('tunes the indexes the migrations say they tune', async () => {
    const rows = await query<{ relname: string; reloptions: string[] }>(
      fromMigrations.url,
      `SELECT c.relname, c.reloptions FROM pg_class c WHERE c.relkind = 'i' AND c.reloptions IS NOT NULL ORDER BY 1`,
    );
    expect(rows).toEqual([
      { relname: 'transactions_external_refs_idx', reloptions: ['gin_pending_list_limit=256'] },
      { relname: 'transactions_search_terms_idx', reloptions: ['gin_pending_list_limit=256'] },
    ]);
    const covering = await query<{ indexdef: string }>(
      fromMigrations.url,
      `SELECT indexdef FROM pg_indexes WHERE indexdef LIKE '% INCLUDE %' AND NOT ${migrationOnly} ORDER BY indexname`,
    );
    expect(covering.map((r) => r.indexdef.replace(/^.* ON public\./, ''))).toEqual([
      'transactions USING btree (tenant_id, created_at DESC, id DESC) INCLUDE (flow_id, status, error_class, completed_at)',
    ]);
  });

  it('records every migration the way prisma migrate deploy does', async () => {
    const files = await readMigrations('prisma/migrations');
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      fromMigrations.url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const sql = await readFile(`prisma/migrations/${row.migration_name}/migration.sql`);
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.checksum).toBe(files[i]?.checksum);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('is idempotent: a second run applies nothing', async () => {
    const again = await migrate(fromMigrations.url, 'prisma/migrations');
    expect(again.applied).toEqual([]);
  });
});
