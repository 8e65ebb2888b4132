// Where seed:large writes, and whether it may: its own database by default, never on top of data it
// did not write. The database's comment records what seed:large did (no table outside the
// migrations is added), so a rerun knows a finished load from an interrupted one and from real data.
import pg from 'pg';

export const LARGE_DB = 'waybill_large';
const MARKER = 'waybill seed:large';

export interface LoadMarker {
  seed: typeof MARKER;
  state: 'loading' | 'loaded';
  /** while loading: the time window chosen at the start and the batches committed so far */
  startS?: number;
  nowS?: number;
  daysDone?: number;
  transactions?: number;
  timelineEntries?: number;
  loadedAt?: string;
}

/** LARGE_DATABASE_URL, else `waybill_large` on the server of DATABASE_URL (or local PostgreSQL). */
export function largeDatabaseUrl(env: Record<string, string | undefined>): string {
  if (env.LARGE_DATABASE_URL) return env.LARGE_DATABASE_URL;
  const url = new URL(env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${LARGE_DB}`;
  return url.toString();
}

export async function ensureDatabase(url: string): Promise<boolean> {
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

export async function readMarker(client: pg.Client): Promise<LoadMarker | null> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment
       FROM pg_database WHERE datname = current_database()`,
  );
  try {
    const parsed = JSON.parse(rows[0]?.comment ?? 'null') as LoadMarker | null;
    return parsed?.seed === MARKER ? parsed : null;
  } catch {
    return null;
  }
}

export async function writeMarker(
  client: pg.Client,
  marker: Omit<LoadMarker, 'seed'>,
): Promise<void> {
  const text = JSON.stringify({ seed: MARKER, ...marker });
  const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
  // COMMENT takes no bind parameters: quote the literal with the server's own function.
  const { rows: quoted } = await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [
    text,
  ]);
  await client.query(
    `COMMENT ON DATABASE "${(rows[0]?.db ?? '').replaceAll('"', '""')}" IS ${quoted[0]?.q}`,
  );
}

/** Empties the ledger tables (the tenant, users, connections and flows stay). The audit log is
 * append-only even for this script (a trigger refuses TRUNCATE): it keeps its entries. */
export async function resetLedger(client: pg.Client): Promise<void> {
  await client.query(
    `TRUNCATE timeline_entries, outbox, transactions, inbound_events, replay_batches,
     overview_hourly RESTART IDENTITY`,
  );
}
