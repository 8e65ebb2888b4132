// Ledger fixtures for suites that call lib/ directly: a seeded tenant in a fresh database, and
// transactions inserted in a given state with their inbound event and outbox row.
import { createDb, tenantDb, uuid7, type Db, type TransactionStatus } from '@/lib/db';
import { singleKeyRing } from '@/lib/crypto/key-ring';
import { seedDemoTenant, type DemoSeedOptions } from '@/prisma/seed-demo';
import { createTestDatabase } from './database';

export const FIXTURE_KEY = Buffer.alloc(32, 9).toString('base64');
/** the fixture tenants' people's password (hashed once per run: test/support/global-setup.ts) */
export const FIXTURE_PASSWORD = 'irrelevant-here';
/** the ring fixtures seal with: FIXTURE_KEY as key id "k1" */
export const FIXTURE_KEY_RING = singleKeyRing(FIXTURE_KEY);

/**
 * Seeds the demo tenant `slug` (name "Slug", users @slug.test) into `db` with unreachable provider
 * URLs: another tenant beside the seeded ledger for isolation tests, or the ledger's own.
 */
export function seedFixtureTenant(db: Db, slug: string, overrides: Partial<DemoSeedOptions> = {}) {
  return seedDemoTenant(db, {
    slug,
    name: slug.charAt(0).toUpperCase() + slug.slice(1),
    userDomain: `${slug}.test`,
    password: FIXTURE_PASSWORD,
    commerceWebhookSecret: 'secret-secret',
    commerceUrl: 'http://127.0.0.1:9',
    warehouseUrl: 'http://127.0.0.1:9',
    warehouseApiToken: 'token',
    keyRing: FIXTURE_KEY_RING,
    ...overrides,
  });
}

export interface SeededLedger {
  db: Db;
  tenantId: string;
  flowId: string;
  commerceConnectionId: string;
  warehouseConnectionId: string;
  drop(): Promise<void>;
}

export async function seededLedger(
  options: {
    warehouseUrl?: string;
    warehouseToken?: string;
    retryPolicy?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  } = {},
): Promise<SeededLedger> {
  const database = await createTestDatabase();
  const db = createDb({ connectionString: database.url, poolSize: 4 });
  const seeded = await seedFixtureTenant(db, 'acme', {
    ...(options.warehouseUrl && { warehouseUrl: options.warehouseUrl }),
    ...(options.warehouseToken && { warehouseApiToken: options.warehouseToken }),
    ...(options.retryPolicy && { retryPolicy: options.retryPolicy }),
  });
  return {
    db,
    tenantId: seeded.tenantId,
    flowId: seeded.flowId,
    commerceConnectionId: seeded.commerceConnectionId,
    warehouseConnectionId: seeded.warehouseConnectionId,
    async drop() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** Inserts a transaction of the demo flow in `status`, with its inbound event and an outbox row. */
export async function insertTransaction(
  ledger: SeededLedger,
  options: {
    status?: TransactionStatus;
    body?: Record<string, unknown>;
    outbox?: boolean;
    sourceObjectId?: string;
    sourceSequence?: number;
  } = {},
): Promise<string> {
  const scoped = tenantDb(ledger.db, ledger.tenantId);
  const body = options.body ?? {};
  const event = await scoped.inboundEvent.create({
    data: {
      tenantId: ledger.tenantId,
      connectionId: ledger.commerceConnectionId,
      status: 'accepted',
      signatureVerdict: 'valid',
      body: JSON.stringify(body),
      sizeBytes: 1,
      providerEventId: uuid7(),
    },
  });
  const id = uuid7();
  await scoped.transaction.create({
    data: {
      id,
      tenantId: ledger.tenantId,
      flowId: ledger.flowId,
      inboundEventId: event.id,
      businessKey: typeof body.order_number === 'number' ? String(body.order_number) : '1',
      sourceObjectId: options.sourceObjectId ?? id,
      sourceSequence: options.sourceSequence ?? null,
      idempotencyKey: `k-${id}`,
      status: options.status ?? 'received',
    },
  });
  if (options.outbox !== false)
    await scoped.outboxEntry.create({
      data: {
        tenantId: ledger.tenantId,
        transactionId: id,
        flowId: ledger.flowId,
        connectionId: ledger.warehouseConnectionId,
      },
    });
  return id;
}
