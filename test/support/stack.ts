// A whole Waybill for one test suite: its own database (from the migrated template), its own
// redis-server, the built web app, a worker process and both simulators — all real, all on
// loopback, all stopped by the suite.
import { randomBytes } from 'node:crypto';
import { startCommerceSimulator } from '@/simulators/commerce/server';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import { createDb, type Db } from '@/lib/db';
import { encryptionKey } from '@/lib/crypto/secret-box';
import { seedDemoTenant } from '@/prisma/seed-demo';
import { createTestDatabase } from './database';
import { startRedis, startWeb, startWorker, type Proc } from './processes';

export const TEST_SECRETS = {
  encryptionKey: randomBytes(32).toString('base64'),
  nextAuthSecret: randomBytes(24).toString('hex'),
  webhookSecret: `whk_${randomBytes(12).toString('hex')}`,
  warehouseToken: `wh_${randomBytes(12).toString('hex')}`,
  password: `pw-${randomBytes(6).toString('hex')}`,
};

export const TENANT = 'acme';

export interface Stack {
  db: Db;
  dbName: string;
  env: Record<string, string>;
  web: Proc & { url: string };
  worker: Proc | null;
  commerce: RunningSim;
  warehouse: RunningSim;
  redis: Awaited<ReturnType<typeof startRedis>>;
  ingestUrl: string;
  tenantId: string;
  startWorker(): Proc;
  stop(): Promise<void>;
}

export interface StackOptions {
  worker?: boolean;
  /** overrides for the web process only (e.g. a DATABASE_URL through a proxy) */
  webEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const database = await createTestDatabase();
  const redis = await startRedis();
  const warehouse = await startWarehouseSimulator({
    port: 0,
    apiToken: TEST_SECRETS.warehouseToken,
    workflowStepMs: 0,
  });
  const db = createDb({ connectionString: database.url, poolSize: 4 });
  const seeded = await seedDemoTenant(db, {
    slug: TENANT,
    name: 'Acme Outfitters',
    userDomain: 'acme.test',
    password: TEST_SECRETS.password,
    commerceWebhookSecret: TEST_SECRETS.webhookSecret,
    commerceUrl: 'http://127.0.0.1:9', // set below, once the commerce simulator has a port
    warehouseUrl: warehouse.url,
    warehouseApiToken: TEST_SECRETS.warehouseToken,
    encryptionKey: encryptionKey(TEST_SECRETS.encryptionKey),
    retryPolicy: { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 2000 },
  });
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `wbt${randomBytes(3).toString('hex')}`,
    WAYBILL_ENCRYPTION_KEY: TEST_SECRETS.encryptionKey,
    NEXTAUTH_SECRET: TEST_SECRETS.nextAuthSecret,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: '16',
    WORKER_LOCK_MS: '4000',
    DISPATCH_SWEEP_INTERVAL_MS: '250',
    DISPATCH_LEASE_MS: '5000',
    PROVIDER_TIMEOUT_MS: '3000',
    INGEST_DEADLINE_MS: '3000',
    DB_CONNECT_TIMEOUT_MS: '1500',
  };
  const web = await startWeb({ ...env, ...options.webEnv });
  const ingestUrl = `${web.url}/api/ingest/${TENANT}/commerce`;
  const commerce = await startCommerceSimulator({
    port: 0,
    webhookUrl: ingestUrl,
    webhookSecret: TEST_SECRETS.webhookSecret,
    redelivery: { maxAttempts: 10, baseDelayMs: 200, timeoutMs: 5000 },
  });
  await db.connection.update({
    where: { id: seeded.commerceConnectionId },
    data: { baseUrl: commerce.url },
  });
  const workerEnv = { ...env, ...options.workerEnv };
  const stack: Stack = {
    db,
    dbName: database.name,
    env,
    web,
    worker: null,
    commerce,
    warehouse,
    redis,
    ingestUrl,
    tenantId: seeded.tenantId,
    startWorker() {
      stack.worker = startWorker(workerEnv);
      return stack.worker;
    },
    async stop() {
      await stack.worker?.stop();
      await stack.web.stop(); // the current one: a suite may have replaced it
      await commerce.close();
      await warehouse.close();
      await redis.proc.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
  if (options.worker !== false) stack.startWorker();
  return stack;
}
