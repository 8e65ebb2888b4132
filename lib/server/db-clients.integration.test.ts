// The console's reads through DATABASE_READ_URL, against two real databases: a "replica" copied
// from the primary, then given a transaction the primary does not have. The list presenter the
// Transactions page calls sees it through readDb only; the CSV export writes its audit entry to the
// primary and reads its rows from the replica; the tenant scope holds on the replica's client; and
// readDb refuses writes even when its URL is the primary's (as in the e2e stack).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditFilter } from '@/lib/audit/audit-filter';
import { listAuditActors, listAuditEntries } from '@/lib/audit/audit-list.presenter';
import { nameAuditEntries } from '@/lib/audit/audit-names';
import { createDb, tenantDb, uuid7, type Db } from '@/lib/db';
import { serverEnvOf } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { listInboundEvents } from '@/lib/ingest/inbound-list.presenter';
import { listRefusedCounts } from '@/lib/ingest/refused-counts.presenter';
import { listErrorGroups } from '@/lib/ledger/error-groups.presenter';
import { getOrderJourney } from '@/lib/ledger/order-journey.presenter';
import { getTransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import { startTransactionsExport } from '@/lib/ledger/transaction-export';
import { readTransactionFilter } from '@/lib/ledger/transaction-filter';
import {
  listTransactionFilterOptions,
  listTransactions,
} from '@/lib/ledger/transaction-list.presenter';
import { listTimeline } from '@/lib/ledger/transaction-timeline.presenter';
import { mappingDiffsForAudit } from '@/lib/mapping/audit-mapping-diffs';
import { getOverview } from '@/lib/overview/overview.presenter';
import {
  dailyReconciliation,
  dailySummaryQuerySchema,
} from '@/lib/reconciliation/daily-summary.presenter';
import { searchLedger } from '@/lib/search/search.presenter';
import { listOpenSlaBreaches } from '@/lib/sla/sla-breaches.presenter';
import { createTestDatabase, dropDatabase, PG_ADMIN_URL, urlFor } from '@/test/support/database';
import { FIXTURE_KEY, insertTransaction, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { createDbClients, disconnectDbClients, type DbClients } from './db-clients';

const settings = (urls: { DATABASE_URL: string; DATABASE_READ_URL?: string }) =>
  serverEnvOf({ ...urls, REDIS_URL: 'redis://127.0.0.1:9/0', WAYBILL_ENCRYPTION_KEY: FIXTURE_KEY });

let primary: { name: string; url: string; drop: () => Promise<void> };
const replicaName = `wb_test_replica_${randomBytes(5).toString('hex')}`;
let replicaWriter: Db;
let clients: DbClients;
let seeded: Awaited<ReturnType<typeof seedFixtureTenant>>;
let marker: string;

/** A copy of `source` as it is now; CREATE DATABASE … TEMPLATE needs it without sessions. */
async function copyDatabase(source: string, target: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
      source,
    ]);
    await admin.query(`CREATE DATABASE "${target}" TEMPLATE "${source}"`);
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  primary = await createTestDatabase();
  const seeding = createDb({ connectionString: primary.url, poolSize: 2 });
  seeded = await seedFixtureTenant(seeding, 'acme');
  await seeding.$disconnect();
  await copyDatabase(primary.name, replicaName);
  // what replication would have brought over and the primary no longer has, or not yet: only the
  // replica knows this transaction
  replicaWriter = createDb({ connectionString: urlFor(replicaName), poolSize: 2 });
  marker = await insertTransaction(
    { ...seeded, db: replicaWriter, drop: () => Promise.resolve() },
    { status: 'failed', outbox: false, sourceObjectId: 'replica-marker' },
  );
  clients = createDbClients(
    settings({ DATABASE_URL: primary.url, DATABASE_READ_URL: urlFor(replicaName) }),
    'replica-test',
  );
});

afterAll(async () => {
  if (clients) await disconnectDbClients(clients);
  await replicaWriter?.$disconnect();
  await dropDatabase(replicaName);
  await primary?.drop();
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('console reads through DATABASE_READ_URL', () => {
  it('the Transactions list reads the replica, not the primary', async () => {
    expect(clients.readDb).not.toBe(clients.db);
    const filter = readTransactionFilter({});
    const fromReplica = await listTransactions(clients.readDb, seeded.tenantId, filter, {
      personalData: true,
    });
    const fromPrimary = await listTransactions(clients.db, seeded.tenantId, filter, {
      personalData: true,
    });
    expect(ids(fromReplica.rows)).toContain(marker);
    expect(ids(fromPrimary.rows)).not.toContain(marker);
  });

  it('the CSV export records itself on the primary and reads its rows from the replica', async () => {
    const { cursor: _cursor, limit: _limit, ...whole } = readTransactionFilter({});
    const user = await clients.db.user.findFirstOrThrow({ select: { id: true, name: true } });
    const chunks = await startTransactionsExport(clients.db, seeded.tenantId, whole, {
      personalData: true,
      now: new Date(),
      actor: { id: user.id, label: user.name },
      readDb: clients.readDb,
    });
    let csv = '';
    for await (const chunk of chunks) csv += chunk;
    expect(csv).toContain(marker);
    const exported = { where: { action: 'transactions.exported' } };
    expect(await clients.db.auditEntry.count(exported)).toBe(1);
    expect(await replicaWriter.auditEntry.count(exported)).toBe(0);
  });

  it('keeps the tenant scope on the replica: another tenant never sees the row', async () => {
    const detail = await getTransactionDetail(tenantDb(clients.readDb, seeded.tenantId), marker, {
      maskPersonalData: false,
    });
    expect(detail.id).toBe(marker);
    const elsewhere = await getTransactionDetail(tenantDb(clients.readDb, uuid7()), marker, {
      maskPersonalData: false,
    }).catch((error: unknown) => error);
    expect(isAppError(elsewhere) && elsewhere.code).toBe('NOT_FOUND');
  });

  it('every screen routed to readDb runs in its read-only sessions', async () => {
    // the presenters the pages and GET routes call with readDb (a write among them would fail here,
    // and in every e2e run, where readDb is the primary's database in read-only sessions)
    const db = clients.readDb;
    const t = seeded.tenantId;
    const scoped = tenantDb(db, t);
    const { limit, ...auditFilter } = readAuditFilter({});
    const audit = await listAuditEntries(db, t, auditFilter, limit);
    const [overview, , options, search, errors, journey, timeline] = await Promise.all([
      getOverview(db, t, { window: '24h' }),
      listOpenSlaBreaches(db, t),
      listTransactionFilterOptions(db, t),
      searchLedger(db, t, '1', { canReadPersonalData: true }),
      listErrorGroups(db, t, { window: {} }),
      getOrderJourney(db, t, '1', { maskPersonalData: false }),
      listTimeline(scoped, marker, { limit: 50, maskPersonalData: false }),
      listAuditActors(db, t),
      nameAuditEntries(db, t, audit.entries),
      mappingDiffsForAudit(db, t, audit.entries),
      listInboundEvents(scoped, { limit: 50 }),
      listRefusedCounts(scoped),
      dailyReconciliation(db, t, dailySummaryQuerySchema.parse({})),
    ]);
    // and they read the replica: the marker (failed, order 1) is there
    expect(overview.totals.failed).toBe(1);
    expect(options.flows.length).toBeGreaterThan(0);
    expect(search.hits.map((hit) => hit.businessKey)).toEqual(['1']);
    expect(errors.total).toBe(1);
    expect(journey.steps.map((step) => step.id)).toContain(marker);
    // (the primary would have answered NOT_FOUND: it has no such transaction)
    expect(timeline.items).toEqual([]);
  });

  it('names its sessions apart and refuses writes, even pointed at the primary', async () => {
    const onPrimary = createDbClients(
      settings({ DATABASE_URL: primary.url, DATABASE_READ_URL: primary.url }),
      'replica-test',
    );
    try {
      const [session] = await onPrimary.readDb.$queryRaw<{ name: string }[]>`
        SELECT current_setting('application_name') AS name`;
      expect(session?.name).toBe('waybill-replica-test-read');
      await expect(
        onPrimary.readDb.tenant.update({
          where: { id: seeded.tenantId },
          data: { name: 'Written through readDb' },
        }),
      ).rejects.toThrow(/read-only transaction/);
      // the same write through the primary's client goes through
      await onPrimary.db.tenant.update({
        where: { id: seeded.tenantId },
        data: { name: 'Written through db' },
      });
      const tenant = await onPrimary.readDb.tenant.findUniqueOrThrow({
        where: { id: seeded.tenantId },
      });
      expect(tenant.name).toBe('Written through db');
    } finally {
      await disconnectDbClients(onPrimary);
    }
  });

  it('without DATABASE_READ_URL every read goes to the primary client', async () => {
    const single = createDbClients(settings({ DATABASE_URL: primary.url }), 'replica-test');
    try {
      expect(single.readDb).toBe(single.db);
      const page = await listTransactions(
        single.readDb,
        seeded.tenantId,
        readTransactionFilter({}),
        {
          personalData: true,
        },
      );
      expect(ids(page.rows)).not.toContain(marker);
    } finally {
      await disconnectDbClients(single);
    }
  });
});
