// The ingest target cache belongs to one database client: two ledgers with the same tenant and
// connection keys (the lib suites share a process between files, each with its own database) each
// resolve to their own connection, even within the cache's lifetime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { resolveIngestTarget } from './resolve-target';

const ledgers: { db: Db; connectionId: string; drop: () => Promise<void> }[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i += 1) {
    const database = await createTestDatabase();
    const db = createDb({ connectionString: database.url, poolSize: 2 });
    const seeded = await seedFixtureTenant(db, 'acme');
    ledgers.push({ db, connectionId: seeded.commerceConnectionId, drop: database.drop });
  }
});

afterAll(async () => {
  for (const ledger of ledgers) {
    await ledger.db.$disconnect();
    await ledger.drop();
  }
});

describe('resolveIngestTarget', () => {
  it("answers each database's path with that database's connection, cached or not", async () => {
    const [first, second] = ledgers;
    if (!first || !second) throw new Error('two ledgers are seeded in beforeAll');
    expect(first.connectionId).not.toBe(second.connectionId);
    for (let round = 0; round < 2; round += 1) {
      for (const ledger of [first, second]) {
        const target = await resolveIngestTarget(ledger.db, FIXTURE_KEY_RING, 'acme', 'commerce');
        expect(target.connectionId).toBe(ledger.connectionId);
      }
    }
  });
});
