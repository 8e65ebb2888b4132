// The second half of an erasure: every other place of the tenant where the address can be written
// down — a duplicate or refused delivery, a note on another transaction, a drift item's provider
// record, a connection's last error, an alert's reason, a replay batch's reason. Each table is read
// in keyset chunks of the tenant's rows (PostgreSQL picks the rows that mention the address with
// ILIKE, so only those travel), and a chunk's rewrites commit together: bounded work per statement
// and per transaction, and a second run finds nothing left to do.
//
// The list below is the erasure's knowledge of the schema; the integration test reads
// information_schema instead, so a table added later that holds the address fails it until it is
// listed here (erase-customer.integration.test.ts).
import { Prisma, type Db } from '@/lib/db';
import { PERSONAL_FIELDS } from '@/lib/ledger/mask';
import { compileMaskingRules } from '@/lib/ledger/masking-rules';
import {
  eraseBody,
  eraseStrings,
  eraseStructure,
  finishBody,
  sameJson,
  textEraser,
} from './erase-values';

export type SweptPlace =
  | 'inboundEvents'
  | 'timelineEntries'
  | 'transactions'
  | 'driftItems'
  | 'reconciliationRuns'
  | 'connections'
  | 'flows'
  | 'alertEvents'
  | 'replayBatches'
  | 'slaBreaches';

type Kind = 'text' | 'json' | 'body';

interface SweptTable {
  place: SweptPlace;
  table: string;
  idType: 'uuid' | 'bigint';
  columns: Record<string, Kind>;
  /** the masking rules of this row's connection apply to its bodies (an inbound event's source) */
  rulesFrom?: 'connection_id';
  /** columns whose values are personal when the row's `by` column names a personal field (a
   *  drift item's ledger and provider values of "givenName") */
  personalWhen?: { by: string; columns: readonly string[] };
}

export const SWEPT_TABLES: readonly SweptTable[] = [
  {
    place: 'inboundEvents',
    table: 'inbound_events',
    idType: 'uuid',
    columns: { body: 'body', headers: 'json', reject_reason: 'text' },
    rulesFrom: 'connection_id',
  },
  {
    place: 'timelineEntries',
    table: 'timeline_entries',
    idType: 'bigint',
    columns: { summary: 'text', data: 'json' },
  },
  {
    place: 'transactions',
    table: 'transactions',
    idType: 'uuid',
    // business_key and source_object_id are references and stay, unless they are the address
    columns: {
      customer_email: 'text',
      last_error: 'text',
      business_key: 'text',
      source_object_id: 'text',
      external_refs: 'json',
    },
  },
  {
    place: 'driftItems',
    table: 'drift_items',
    idType: 'uuid',
    columns: {
      business_key: 'text',
      provider_ref: 'text',
      field: 'text',
      note: 'text',
      ledger_value: 'json',
      provider_value: 'json',
      provider_record: 'json',
    },
    personalWhen: { by: 'field', columns: ['ledger_value', 'provider_value'] },
  },
  {
    place: 'reconciliationRuns',
    table: 'reconciliation_runs',
    idType: 'uuid',
    columns: { error: 'text', cursor: 'text' },
  },
  {
    place: 'connections',
    table: 'connections',
    idType: 'uuid',
    columns: { last_error: 'text', pause_reason: 'text' },
  },
  { place: 'flows', table: 'flows', idType: 'uuid', columns: { pause_reason: 'text' } },
  {
    place: 'alertEvents',
    table: 'alert_events',
    idType: 'uuid',
    columns: { group_key: 'text', reason: 'text', delivery_error: 'text', counts: 'json' },
  },
  {
    place: 'replayBatches',
    table: 'replay_batches',
    idType: 'uuid',
    columns: { reason: 'text', filter: 'json' },
  },
  {
    place: 'slaBreaches',
    table: 'sla_breaches',
    idType: 'uuid',
    columns: { business_key: 'text' },
  },
];

export const SWEEP_CHUNK = 2000;
const START = { uuid: '00000000-0000-0000-0000-000000000000', bigint: '-1' } as const;

export interface SweepContext {
  db: Db;
  tenantId: string;
  email: string;
  marker: string;
  patterns: string[];
  chunk?: number;
}

interface Hit {
  id: string;
  cols: Record<string, unknown> | null;
  rules: unknown;
}

/** Reads `spec`'s rows of the tenant chunk by chunk and hands over those that mention the address. */
export async function* scanTable(ctx: SweepContext, spec: SweptTable): AsyncGenerator<Hit[]> {
  const cols = Object.keys(spec.columns);
  const ident = (c: string) => Prisma.raw(`"${c}"`);
  const table = Prisma.raw(`"${spec.table}"`);
  const idType = Prisma.raw(spec.idType);
  const mentions = Prisma.join(
    cols.map((c) => Prisma.sql`${ident(c)}::text ILIKE ANY(${ctx.patterns}::text[])`),
    ' OR ',
  );
  const picked = Prisma.join(
    cols.map((c) => Prisma.sql`${c}::text, c.${ident(c)}`),
    ', ',
  );
  // the connection's masking rules come with the row, for bodies (no second query per row)
  const rules = spec.rulesFrom
    ? Prisma.sql`(SELECT masking_rules FROM connections k WHERE k.id = c.${ident(spec.rulesFrom)})`
    : Prisma.sql`NULL::jsonb`;
  const extra = spec.rulesFrom ? Prisma.sql`, ${ident(spec.rulesFrom)}` : Prisma.empty;
  let cursor: string = START[spec.idType];
  for (;;) {
    const rows = await ctx.db.$queryRaw<Hit[]>`
      WITH c AS MATERIALIZED (
        SELECT id, ${Prisma.join(cols.map(ident), ', ')}${extra} FROM ${table}
        WHERE tenant_id = ${ctx.tenantId}::uuid AND id > ${cursor}::${idType}
        ORDER BY id LIMIT ${ctx.chunk ?? SWEEP_CHUNK})
      SELECT c.id::text AS id, jsonb_build_object(${picked}) AS cols, ${rules} AS rules
      FROM c WHERE ${mentions}
      UNION ALL
      SELECT (SELECT c.id::text FROM c ORDER BY c.id DESC LIMIT 1), NULL, NULL`;
    const last = rows.find((r) => r.cols === null)?.id ?? null;
    const hits = rows.filter((r) => r.cols !== null);
    if (hits.length > 0) yield hits;
    if (last === null) return;
    cursor = last;
  }
}

/** The new values of a row's columns that change (empty when none do). */
export function rewriteRow(
  spec: Pick<SweptTable, 'columns' | 'personalWhen'>,
  hit: Pick<Hit, 'cols' | 'rules'>,
  ctx: Pick<SweepContext, 'email' | 'marker'>,
): Record<string, unknown> {
  const paths = compileMaskingRules(hit.rules);
  const found = new Set<string>();
  const cols = hit.cols ?? {};
  const by = spec.personalWhen ? cols[spec.personalWhen.by] : undefined;
  const personalKey = typeof by === 'string' && PERSONAL_FIELDS.has(by) ? by : null;
  const personal = new Set<string>(personalKey ? (spec.personalWhen?.columns ?? []) : []);
  const pass1: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec.columns)) {
    const value = cols[name];
    if (value === null || value === undefined) continue;
    if (kind === 'json' && personalKey && personal.has(name)) {
      // under its own personal field name, every scalar of the value is the customer's
      const wrapped = eraseStructure({ [personalKey]: value }, [], ctx.marker, found);
      pass1[name] = (wrapped as Record<string, unknown>)[personalKey];
    } else if (kind === 'json') pass1[name] = eraseStructure(value, paths, ctx.marker, found);
    else if (kind === 'body' && typeof value === 'string')
      pass1[name] = eraseBody(value, paths, ctx.marker, found);
  }
  const erase = textEraser(ctx.email, found, ctx.marker);
  const changed: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec.columns)) {
    const value = cols[name];
    if (value === null || value === undefined) continue;
    if (kind === 'json') {
      const after = eraseStrings(pass1[name], erase);
      if (!sameJson(after, value)) changed[name] = after;
    } else if (typeof value === 'string') {
      const after =
        kind === 'body'
          ? finishBody(value, pass1[name] as ReturnType<typeof eraseBody>, erase)
          : erase(value);
      if (after !== null && after !== value) changed[name] = after;
    }
  }
  return changed;
}

/** Erases the address from one table of the tenant; answers how many rows changed. */
export async function sweepTable(ctx: SweepContext, spec: SweptTable): Promise<number> {
  let count = 0;
  for await (const hits of scanTable(ctx, spec)) {
    const updates = hits
      .map((hit) => ({ id: hit.id, changed: rewriteRow(spec, hit, ctx) }))
      .filter((u) => Object.keys(u.changed).length > 0);
    if (updates.length === 0) continue;
    await ctx.db.$transaction(async (tx) => {
      for (const u of updates) {
        const sets = Prisma.join(
          Object.entries(u.changed).map(([name, value]) =>
            spec.columns[name] === 'json'
              ? Prisma.sql`${Prisma.raw(`"${name}"`)} = ${JSON.stringify(value)}::jsonb`
              : Prisma.sql`${Prisma.raw(`"${name}"`)} = ${value as string}`,
          ),
          ', ',
        );
        await tx.$executeRaw`
          UPDATE ${Prisma.raw(`"${spec.table}"`)} SET ${sets}
          WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${u.id}::${Prisma.raw(spec.idType)}`;
      }
    });
    count += updates.length;
  }
  return count;
}

/** Audit entries that mention the address: counted, never changed (append-only, hash-chained). */
export async function countAuditMentions(
  ctx: Pick<SweepContext, 'db' | 'tenantId' | 'patterns'>,
): Promise<number> {
  const [row] = await ctx.db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM audit_entries
    WHERE tenant_id = ${ctx.tenantId}::uuid AND (
      reason ILIKE ANY(${ctx.patterns}::text[]) OR object_id ILIKE ANY(${ctx.patterns}::text[])
      OR actor_label ILIKE ANY(${ctx.patterns}::text[])
      OR before::text ILIKE ANY(${ctx.patterns}::text[])
      OR after::text ILIKE ANY(${ctx.patterns}::text[]))`;
  return row?.n ?? 0;
}
