import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { registerPool } from './raw-query';

export interface DbOptions {
  connectionString: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  /** client-side bound on any one query, so an unreachable database fails fast instead of hanging */
  queryTimeoutMs?: number;
  applicationName?: string;
  /** every session read-only (default_transaction_read_only): a write through this client fails
   *  even when its URL is the primary's, as it would on a replica */
  readOnly?: boolean;
  /** the hot raw statements as named prepared statements (default); false behind a pooler in
   *  transaction mode that does not track them (PgBouncer before 1.21, or max_prepared_statements 0) */
  preparedStatements?: boolean;
}

export function createDb(options: DbOptions) {
  // The pool is built here rather than by the adapter so the hot raw statements can use it too
  // (./raw-query.ts); Prisma's $disconnect still ends it (disposeExternalPool).
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    query_timeout: options.queryTimeoutMs ?? 15_000,
    application_name: options.applicationName ?? 'waybill',
    idleTimeoutMillis: 30_000,
    // a startup parameter, so it holds for every connection of the pool from its first statement
    ...(options.readOnly && { options: '-c default_transaction_read_only=on' }),
  });
  // An idle connection the server dropped is removed from the pool, and the next query opens
  // another; without a listener, pg's 'error' event would end the process instead.
  pool.on('error', () => undefined);
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  registerPool(db, pool, { prepared: options.preparedStatements ?? true });
  return db;
}

export type Db = ReturnType<typeof createDb>;

/**
 * A client for reads only (lib/server/db-clients.ts builds it on DATABASE_READ_URL): its sessions
 * are read-only, and it may lag the primary by a replica's replication delay, so it never goes to
 * a use case that writes, nor reads what its own request has just written. The same type as Db, so
 * presenters take either; the name shows, where it is passed, that a possibly stale read was chosen.
 */
export type ReadDb = Db;
