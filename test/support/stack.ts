// A whole Waybill for one test suite: its own database (from the migrated template), its own
// redis-server, the built web app, the ingest receiver, a worker process and all five simulators —
// all real, all on loopback, all stopped by the suite. The simulators' webhooks and `ingestUrl` go
// to the receiver; the web app's /api/ingest (the same function) stays reachable at `web.url`.
import { randomBytes } from 'node:crypto';
import { startCommerceSimulator } from '@/simulators/commerce/server';
import { startCrmSimulator } from '@/simulators/crm/server';
import { startDockyardSimulator } from '@/simulators/dockyard/server';
import { startErpSimulator } from '@/simulators/erp/server';
import { startPaymentsSimulator } from '@/simulators/payments/server';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import { createDb, type Db, type Prisma } from '@/lib/db';
import { singleKeyRing } from '@/lib/crypto/key-ring';
import { seedDemoTenant } from '@/prisma/seed-demo';
import { createTestDatabase } from './database';
import { startOidcProvider, type OidcTestProvider } from './oidc-provider';
import { startProviderSimulatorsProcess } from './simulator-process';
import {
  freePort,
  startReceiver,
  startRedis,
  startWeb,
  startWorker,
  waitFor,
  type Proc,
} from './processes';
import { adminJson } from './sims';

export const TEST_SECRETS = {
  encryptionKey: randomBytes(32).toString('base64'),
  nextAuthSecret: randomBytes(24).toString('hex'),
  webhookSecret: `whk_${randomBytes(12).toString('hex')}`,
  warehouseToken: `wh_${randomBytes(12).toString('hex')}`,
  warehouseWebhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
  paymentsWebhookSecret: `whsec_${randomBytes(16).toString('hex')}`,
  paymentsApiKey: `sk_test_${randomBytes(8).toString('hex')}`,
  erpApiKey: `erp_${randomBytes(8).toString('hex')}`,
  crmApiKey: `crm_${randomBytes(8).toString('hex')}`,
  dockyardClientId: `dock_${randomBytes(6).toString('hex')}`,
  dockyardClientSecret: `docksecret_${randomBytes(16).toString('hex')}`,
  dockyardWebhookSecret: `dockhook_${randomBytes(16).toString('hex')}`,
  password: `pw-${randomBytes(6).toString('hex')}`,
};

export const TENANT = 'acme';

export interface Stack {
  db: Db;
  dbName: string;
  env: Record<string, string>;
  web: Proc & { url: string };
  /** the ingest receiver (receiver/index.ts): ingestUrl and the simulators' webhooks point here */
  receiver: Proc & { url: string };
  worker: Proc | null;
  /** the identity provider of single sign-on, when started with { oidc: true } */
  oidc: OidcTestProvider | null;
  commerce: RunningSim;
  warehouse: RunningSim;
  payments: RunningSim;
  erp: RunningSim;
  crm: RunningSim;
  /** the 3PL no adapter knows: no connection is seeded for it (the generic HTTP kind reaches it) */
  dockyard: RunningSim;
  /** flow key -> id */
  flowIds: Record<string, string>;
  /** connection key -> id */
  connectionIds: Record<string, string>;
  redis: Awaited<ReturnType<typeof startRedis>>;
  ingestUrl: string;
  tenantId: string;
  startWorker(): Proc;
  /** transactions of one flow, optionally filtered */
  count(flowKey: string, where?: Prisma.TransactionWhereInput): Promise<number>;
  /** stops redis-server and starts an empty one on the same port (no persistence: jobs are gone) */
  restartRedis(): Promise<void>;
  /** resolves once no simulator has a webhook pending and the outbox is empty */
  quiet(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  worker?: boolean;
  /** overrides for the web process (e.g. a DATABASE_URL through a proxy); the receiver gets them
   *  too, as the other half of the web's ingest */
  webEnv?: Record<string, string>;
  /** overrides for the receiver only, over webEnv */
  receiverEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  retryPolicy?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  /** warehouse status steps (0: only CREATED, and what a test advances by hand) */
  warehouseWorkflowStepMs?: number;
  /** seeds every simulator's randomness (orders, chaos draws) so a run can be replayed */
  seed?: number;
  /** per-connection overrides after seeding, e.g. { erp: { rateLimitPerSecond: 250 } } */
  connections?: Record<string, Prisma.ConnectionUpdateInput>;
  /** a real OpenID Connect provider (test/support/oidc-provider.ts) the web app signs in with */
  oidc?: boolean;
  /**
   * the warehouse, ERP and CRM simulators in a process of their own, so their arrival stamps are
   * not held up by this one's load (./simulator-process.ts); `seed` does not reach them
   */
  providersInOwnProcess?: boolean;
}

/** What a stack that failed to start has started so far, stopped in reverse order. */
type Started = (() => Promise<unknown>)[];

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const started: Started = [];
  try {
    return await assembleStack(options, started);
  } catch (error) {
    // nothing of a half-started stack outlives the failure (a child process in its own group
    // would run on after the suite)
    for (const stop of started.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

async function assembleStack(options: StackOptions, started: Started): Promise<Stack> {
  const database = await createTestDatabase();
  started.push(() => database.drop());
  const redis = await startRedis();
  started.push(() => redis.proc.stop());
  const { warehouse, erp, crm } = options.providersInOwnProcess
    ? await startProviderSimulatorsProcess({
        warehouseApiToken: TEST_SECRETS.warehouseToken,
        warehouseWorkflowStepMs: options.warehouseWorkflowStepMs ?? 0,
        erpApiKey: TEST_SECRETS.erpApiKey,
        crmApiKey: TEST_SECRETS.crmApiKey,
      })
    : {
        warehouse: await startWarehouseSimulator({
          port: 0,
          apiToken: TEST_SECRETS.warehouseToken,
          workflowStepMs: options.warehouseWorkflowStepMs ?? 0,
          seed: options.seed,
        }),
        erp: await startErpSimulator({
          port: 0,
          apiKey: TEST_SECRETS.erpApiKey,
          seed: options.seed,
        }),
        crm: await startCrmSimulator({
          port: 0,
          apiKey: TEST_SECRETS.crmApiKey,
          seed: options.seed,
        }),
      };
  started.push(() => Promise.all([warehouse.close(), erp.close(), crm.close()]));
  const dockyard = await startDockyardSimulator({
    port: 0,
    clientId: TEST_SECRETS.dockyardClientId,
    clientSecret: TEST_SECRETS.dockyardClientSecret,
    webhookSecret: TEST_SECRETS.dockyardWebhookSecret,
    seed: options.seed,
  });
  started.push(() => dockyard.close());
  const db = createDb({ connectionString: database.url, poolSize: 4 });
  started.push(() => db.$disconnect());
  const seeded = await seedDemoTenant(db, {
    slug: TENANT,
    name: 'Acme Outfitters',
    userDomain: 'acme.test',
    password: TEST_SECRETS.password,
    commerceWebhookSecret: TEST_SECRETS.webhookSecret,
    commerceUrl: 'http://127.0.0.1:9', // set below, once the commerce simulator has a port
    warehouseUrl: warehouse.url,
    warehouseApiToken: TEST_SECRETS.warehouseToken,
    keyRing: singleKeyRing(TEST_SECRETS.encryptionKey),
    retryPolicy: options.retryPolicy ?? { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 2000 },
    warehouseWebhookSecret: TEST_SECRETS.warehouseWebhookSecret,
    erp: { url: erp.url, credentials: { apiKey: TEST_SECRETS.erpApiKey } },
    crm: { url: crm.url, credentials: { apiKey: TEST_SECRETS.crmApiKey } },
    payments: {
      webhookSecret: TEST_SECRETS.paymentsWebhookSecret,
      credentials: { apiKey: TEST_SECRETS.paymentsApiKey },
    },
    inventoryPollEveryMs: 0,
  });
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `wbt${randomBytes(3).toString('hex')}`,
    WAYBILL_ENCRYPTION_KEY: TEST_SECRETS.encryptionKey,
    NEXTAUTH_SECRET: TEST_SECRETS.nextAuthSecret,
    LOG_LEVEL: 'warn',
    // every /api/v1 answer checked against its documented schema (lib/http/route.ts)
    API_RESPONSE_CHECK: '1',
    WORKER_CONCURRENCY: '16',
    WORKER_LOCK_MS: '4000',
    DISPATCH_SWEEP_INTERVAL_MS: '250',
    // at least twice the provider timeout (lib/env.ts)
    DISPATCH_LEASE_MS: '6000',
    PROVIDER_TIMEOUT_MS: '3000',
    // the simulators and the test alert receiver listen on loopback, which the outbound guard
    // refuses otherwise (lib/outbound)
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    // Generous: a loaded CI box once took longer than 1.5 s to connect or 3 s to query on a web
    // app's first request (a 503 where the test asked for a 401). The test of a ledger that cannot
    // be reached sets deployment-like values itself (ledger-unavailable).
    INGEST_DEADLINE_MS: '10000',
    DB_CONNECT_TIMEOUT_MS: '10000',
    // stored issues learn of a failure within seconds, not the production minute: every statement
    // of these stacks commits far within 5 s (ADR 0028)
    ISSUE_UPKEEP_EVERY_MS: '2000',
    ISSUE_UPKEEP_LAG_MS: '5000',
  };
  // The identity provider registers the app's callback address, so the web's port is chosen first.
  const webPort = await freePort();
  const oidc = options.oidc
    ? await startOidcProvider({ appOrigin: `http://127.0.0.1:${webPort}`, anyLogin: true })
    : null;
  if (oidc) started.push(() => oidc.stop());
  const ssoEnv: Record<string, string> = oidc
    ? {
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
        OIDC_NAME: 'Acme SSO',
      }
    : {};
  const apps = await Promise.allSettled([
    // console reads through the read-replica path, pointed at the primary (read-only sessions)
    startWeb({
      ...env,
      ...ssoEnv,
      PORT: String(webPort),
      DATABASE_READ_URL: database.url,
      ...options.webEnv,
    }),
    startReceiver({ ...env, ...options.webEnv, ...options.receiverEnv }),
  ]);
  const [web, receiver] = apps.map((s) => (s.status === 'fulfilled' ? s.value : null));
  if (!web || !receiver) {
    // the one that did start is stopped, not left behind
    await Promise.all([web?.stop(), receiver?.stop()]);
    const failed = apps.find((s) => s.status === 'rejected');
    throw failed?.status === 'rejected'
      ? failed.reason
      : new Error('web or receiver did not start');
  }
  started.push(() => Promise.all([web.stop(), receiver.stop()]));
  const ingestUrl = `${receiver.url}/api/ingest/${TENANT}/commerce`;
  const commerce = await startCommerceSimulator({
    port: 0,
    webhookUrl: ingestUrl,
    webhookSecret: TEST_SECRETS.webhookSecret,
    redelivery: { maxAttempts: 10, baseDelayMs: 200, timeoutMs: 5000 },
    seed: options.seed,
  });
  started.push(() => commerce.close());
  const payments = await startPaymentsSimulator({
    port: 0,
    apiKey: TEST_SECRETS.paymentsApiKey,
    webhookUrl: `${receiver.url}/api/ingest/${TENANT}/payments`,
    webhookSecret: TEST_SECRETS.paymentsWebhookSecret,
    redelivery: { maxAttempts: 10, baseDelayMs: 200, timeoutMs: 5000 },
    seed: options.seed,
  });
  started.push(() => payments.close());
  await adminJson(warehouse.url, 'webhook', {
    url: `${receiver.url}/api/ingest/${TENANT}/warehouse`,
    secret: TEST_SECRETS.warehouseWebhookSecret,
  });
  await db.connection.update({
    where: { id: seeded.commerceConnectionId },
    data: { baseUrl: commerce.url },
  });
  await db.connection.updateMany({
    where: { id: seeded.connectionIds.payments ?? '' },
    data: { baseUrl: payments.url },
  });
  for (const [key, data] of Object.entries(options.connections ?? {}))
    await db.connection.update({ where: { id: seeded.connectionIds[key] ?? '' }, data });
  const workerEnv = { ...env, ...options.workerEnv };
  const stack: Stack = {
    db,
    dbName: database.name,
    env,
    web,
    receiver,
    worker: null,
    oidc,
    commerce,
    warehouse,
    payments,
    erp,
    crm,
    dockyard,
    flowIds: seeded.flowIds,
    connectionIds: seeded.connectionIds,
    redis,
    ingestUrl,
    tenantId: seeded.tenantId,
    count: (flowKey, where = {}) =>
      db.transaction.count({ where: { ...where, flowId: seeded.flowIds[flowKey] ?? '' } }),
    async restartRedis() {
      await stack.redis.proc.stop();
      stack.redis = await startRedis(stack.redis.port);
    },
    async quiet(timeoutMs = 60_000) {
      const idle = async (sim: RunningSim) =>
        (await adminJson<{ idle: boolean }>(sim.url, 'idle')).idle;
      await waitFor(
        'simulators idle and outbox empty',
        async () =>
          (await idle(commerce)) &&
          (await idle(warehouse)) &&
          (await idle(payments)) &&
          (await db.outboxEntry.count()) === 0,
        timeoutMs,
        100,
      );
    },
    startWorker() {
      stack.worker = startWorker(workerEnv);
      return stack.worker;
    },
    async stop() {
      await stack.worker?.stop();
      await stack.web.stop(); // the current one: a suite may have replaced it
      await stack.receiver.stop();
      await Promise.all(
        [commerce, warehouse, payments, erp, crm, dockyard].map((sim) => sim.close()),
      );
      await stack.redis.proc.stop();
      await oidc?.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
  if (options.worker !== false) stack.startWorker();
  return stack;
}
