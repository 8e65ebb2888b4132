// The ledger's clients of a process that answers HTTP: `db` on the primary (DATABASE_URL) for every
// write and every read that must see a write of the same request, and `readDb` for the console's
// heavy read screens, which a read replica (DATABASE_READ_URL) can take off the primary.
import { createDb, type Db, type ReadDb } from '@/lib/db';
import type { ServerEnv } from '@/lib/env';

export interface DbClients {
  db: Db;
  /** the replica's client when DATABASE_READ_URL is set, else `db` itself */
  readDb: ReadDb;
}

type DbSettings = Pick<
  ServerEnv,
  | 'DATABASE_URL'
  | 'DATABASE_READ_URL'
  | 'DB_POOL_SIZE'
  | 'DB_CONNECT_TIMEOUT_MS'
  | 'DB_PREPARED_STATEMENTS'
  | 'INGEST_DEADLINE_MS'
>;

/** `name` becomes application_name waybill-<name> (the replica's: waybill-<name>-read), so each
 *  pool shows apart in pg_stat_activity. The replica gets its own pool of DB_POOL_SIZE, read-only
 *  even when its URL is the primary's (as in the tests). Pools open connections on first use, so a
 *  process that never reads through it (the receiver) holds none there. */
export function createDbClients(env: DbSettings, name: string): DbClients {
  const options = {
    poolSize: env.DB_POOL_SIZE,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: env.INGEST_DEADLINE_MS,
    preparedStatements: env.DB_PREPARED_STATEMENTS === '1',
  };
  const db = createDb({
    ...options,
    connectionString: env.DATABASE_URL,
    applicationName: `waybill-${name}`,
  });
  const readDb = env.DATABASE_READ_URL
    ? createDb({
        ...options,
        connectionString: env.DATABASE_READ_URL,
        applicationName: `waybill-${name}-read`,
        readOnly: true,
      })
    : db;
  return { db, readDb };
}

/** Closes both pools (one, when they are the same client). */
export async function disconnectDbClients({ db, readDb }: DbClients): Promise<void> {
  await Promise.all([db.$disconnect(), readDb === db ? undefined : readDb.$disconnect()]);
}
