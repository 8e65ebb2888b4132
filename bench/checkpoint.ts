// Every measured phase starts from the same database state: a CHECKPOINT first. A run writes
// about half a gigabyte of WAL, so PostgreSQL's own WAL-triggered checkpoint (at max_wal_size)
// otherwise lands inside whichever phase happens to be running then — and for a while after it
// every first change of a page writes the whole page to the WAL. Seen here: it fell in the ingest
// open-loop phase and made its p99 1.6 s against 79 ms for the ceiling measured just before it,
// and in the next run in a different phase. Both sides of a ratio now start right after one.
import type { Stack } from '@/test/support/stack';

export async function checkpoint(stack: Pick<Stack, 'db'>): Promise<void> {
  await stack.db.$executeRawUnsafe('CHECKPOINT');
}

/** Said once per run: without autovacuum the outbox's dead rows and statistics are never kept up. */
export async function warnIfAutovacuumOff(stack: Pick<Stack, 'db'>): Promise<void> {
  const [row] = await stack.db.$queryRawUnsafe<{ setting: string }[]>(
    `SELECT setting FROM pg_settings WHERE name = 'autovacuum'`,
  );
  if (row?.setting !== 'on')
    console.warn(
      'bench: autovacuum is off on this PostgreSQL server: the outbox (a queue) is never vacuumed or analyzed, which a production server must do (docs/deploy.md)',
    );
}
