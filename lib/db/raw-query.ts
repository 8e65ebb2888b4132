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
// every statement routed here casts what it binds. Inside an interactive Prisma transaction (a
// person's replay with its audit entry) the caller passes the transaction client, which is not
// registered: the statement then goes through $queryRaw and joins that transaction.
import type { Pool } from 'pg';
import { Prisma } from './generated/client';

/** Anything that runs a raw query: the client, a scoped client, or an interactive transaction. */
export interface SqlRunner {
  $queryRaw<T = unknown>(
    query: TemplateStringsArray,
    ...values: unknown[]
  ): Prisma.PrismaPromise<T>;
}

const pools = new WeakMap<object, Pool>();

/** Called by createDb: raw statements given this client may run on its pool. */
export function registerPool(client: object, pool: Pool): void {
  pools.set(client, pool);
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
    const pool = pools.get(runner);
    if (!pool || pool.ending) return runner.$queryRaw<T[]>(strings, ...values);
    const statement = Prisma.sql(strings, ...values);
    const result = await pool.query<T & object>({
      text: statement.text,
      values: statement.values,
    });
    return result.rows;
  };
}
