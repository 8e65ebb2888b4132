// Raw statements on the hot paths (the ingest write, the drain's claim, load and settle) run on
// the pg pool under Prisma's adapter directly, when the caller holds the client createDb built.
//
// Why: Prisma's $queryRaw serialises every parameter to JSON and parses it back before handing it
// to the driver (its own wire format for raw parameters). The settle statement's parameters are
// the batch's requests and timeline facts as one JSON document (provider requests and answers
// included), and the ingest write's parameter is the webhook's body: in the worker's profile at a
// thousand dispatches a second, that round trip and its garbage were the largest single cost of
// our own making (docs/adr/0032-hot-raw-statements-on-pg.md).
//
// The same statement text and values go to pg, which sends them as typed-by-context parameters;
// every statement routed here casts what it binds. Each is a named prepared statement (its name is
// a hash of its text): a connection parses and analyses it once, not once per execution. The hot
// statements are large (the ingest write and the settle are a page of CTEs each), and parsing them
// afresh was about a third of PostgreSQL's CPU at a few hundred webhooks a second (ADR 0034).
// Inside an interactive Prisma transaction (a person's replay with its audit entry) the caller passes the transaction client, which is not
// registered: the statement then goes through $queryRaw and joins that transaction.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { Prisma } from './generated/client';

/** Anything that runs a raw query: the client, a scoped client, or an interactive transaction. */
export interface SqlRunner {
  $queryRaw<T = unknown>(
    query: TemplateStringsArray,
    ...values: unknown[]
  ): Prisma.PrismaPromise<T>;
}

interface Registered {
  pool: Pool;
  /** named prepared statements; off behind a pooler that cannot keep them (DB_PREPARED_STATEMENTS) */
  prepared: boolean;
}

const pools = new WeakMap<object, Registered>();

/** Called by createDb: raw statements given this client may run on its pool. */
export function registerPool(client: object, pool: Pool, options: { prepared: boolean }): void {
  pools.set(client, { pool, prepared: options.prepared });
}

/** A statement's text and its name, per call site (a template's strings are one object per site). */
const bySite = new WeakMap<TemplateStringsArray, { text: string; name: string }>();
/** A name per text, for call sites whose text varies (a Prisma.sql fragment among the values). */
const byText = new Map<string, string>();
/** Each distinct text is one prepared statement per connection: a runaway set stops being named. */
const MAX_NAMED_TEXTS = 500;

const nameOf = (text: string) =>
  `wb_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;

/** The statement pg is given: named, unless the pool may not prepare or too many texts were seen. */
export function preparedStatement(
  strings: TemplateStringsArray,
  values: readonly unknown[],
  prepared: boolean,
): { name?: string; text: string; values: unknown[] } {
  const fragments = values.some((v) => v instanceof Prisma.Sql);
  if (!fragments) {
    let site = bySite.get(strings);
    if (!site) {
      const { text } = Prisma.sql(strings, ...values);
      site = { text, name: nameOf(text) };
      bySite.set(strings, site);
    }
    return { name: prepared ? site.name : undefined, text: site.text, values: [...values] };
  }
  const statement = Prisma.sql(strings, ...values);
  let name = byText.get(statement.text);
  if (name === undefined && byText.size < MAX_NAMED_TEXTS) {
    name = nameOf(statement.text);
    byText.set(statement.text, name);
  }
  return { name: prepared ? name : undefined, text: statement.text, values: statement.values };
}

/**
 * A tag running one raw statement on `runner`, resolving to its rows as $queryRaw gives them for
 * the column types the hot statements return (text, uuid::text, int4, boolean, text[], timestamptz
 * as Date, jsonb parsed): `await queryRows<Row>(db)\`SELECT ...\``. Not for a statement returning
 * int8 or numeric (pg gives strings where Prisma gives bigint and Decimal). Prisma's own Sql
 * builds the $1..$n text and flattens any Prisma.sql fragment among the values.
 */
export function queryRows<T>(runner: SqlRunner) {
  return async (strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> => {
    const registered = pools.get(runner);
    if (!registered || registered.pool.ending) return runner.$queryRaw<T[]>(strings, ...values);
    const result = await registered.pool.query<T & object>(
      preparedStatement(strings, values, registered.prepared),
    );
    return result.rows;
  };
}
