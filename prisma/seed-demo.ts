// The demo tenant "Acme Outfitters": users for every role, a connection to each of the five
// systems and the flows of product.md with mapping version 1. Idempotent: a second run updates
// secrets, URLs and policies and leaves history alone. Tests call it with their own simulator URLs;
// systems they do not run point at a closed port.
import type { Db, Role } from '@/lib/db';
import { hashPassword } from '@/lib/identity/password';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { DEMO_FLOWS } from './demo-flows';

export { ORDER_TO_FULFILMENT } from './demo-flows';

interface System {
  url: string;
  /** write-only credentials, sealed at rest */
  credentials?: Record<string, string>;
  webhookSecret?: string;
  rateLimitPerSecond?: number;
  maxConcurrency?: number;
}

export interface DemoSeedOptions {
  slug: string;
  name: string;
  userDomain: string;
  password: string;
  commerceWebhookSecret: string;
  commerceUrl: string;
  warehouseUrl: string;
  warehouseApiToken: string;
  /** seals the demo credentials and webhook secrets (the active key) */
  keyRing: KeyRing;
  /** the other systems; absent ones point at a closed port with development credentials */
  payments?: Partial<System>;
  erp?: Partial<System>;
  crm?: Partial<System>;
  warehouseWebhookSecret?: string;
  commerceAccessToken?: string;
  /** retry policy of every demo flow; tests shorten the delays */
  retryPolicy?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  /** how often the ERP inventory export is polled (0: never) */
  inventoryPollEveryMs?: number;
}

export const DEMO_ROLES: Role[] = ['admin', 'support', 'finance', 'viewer'];
const NOWHERE = 'http://127.0.0.1:9';

function systems(o: DemoSeedOptions): Record<string, System & { name: string; provider: string }> {
  return {
    commerce: {
      name: 'Storefront',
      provider: 'commerce',
      url: o.commerceUrl,
      webhookSecret: o.commerceWebhookSecret,
      credentials: { accessToken: o.commerceAccessToken ?? 'shpat_dev_storefront' },
      rateLimitPerSecond: 200,
      maxConcurrency: 32,
    },
    payments: {
      name: 'Payments',
      provider: 'payments',
      url: o.payments?.url ?? NOWHERE,
      webhookSecret: o.payments?.webhookSecret ?? 'whsec_dev_payments_secret',
      credentials: o.payments?.credentials ?? { apiKey: 'sk_test_dev_payments' },
    },
    warehouse: {
      name: 'Warehouse',
      provider: 'warehouse',
      url: o.warehouseUrl,
      webhookSecret:
        o.warehouseWebhookSecret ??
        `whsec_${Buffer.from('dev-warehouse-webhook-key-32b!!').toString('base64')}`,
      credentials: { apiToken: o.warehouseApiToken },
      rateLimitPerSecond: 500,
      maxConcurrency: 32,
    },
    erp: {
      name: 'ERP',
      provider: 'erp',
      url: o.erp?.url ?? NOWHERE,
      credentials: o.erp?.credentials ?? { apiKey: 'dev-erp-key' },
      // below the ERP's own strict limit, so 429s are the exception, not the pacing
      rateLimitPerSecond: o.erp?.rateLimitPerSecond ?? 40,
      maxConcurrency: 8,
    },
    crm: {
      name: 'CRM',
      provider: 'crm',
      url: o.crm?.url ?? NOWHERE,
      credentials: o.crm?.credentials ?? { apiKey: 'dev-crm-key' },
      rateLimitPerSecond: 200,
      maxConcurrency: 16,
    },
  };
}

/**
 * One hash per password per process: a hash at OWASP's cost takes 0.1-0.4 s, and test suites
 * seed a tenant per file (or per case) with one shared password. The demo's people share it too.
 */
const seedHashes = new Map<string, Promise<string>>();

/** A hash made elsewhere for `password` (a test run's setup makes one for every suite). */
export function rememberSeedHash(password: string, hash: string): void {
  seedHashes.set(password, Promise.resolve(hash));
}

function seedPasswordHash(password: string): Promise<string> {
  const known = seedHashes.get(password);
  if (known) return known;
  const hash = hashPassword(password);
  seedHashes.set(password, hash);
  return hash;
}

export async function seedDemoTenant(db: Db, o: DemoSeedOptions) {
  const seal = (value: string) => o.keyRing.seal(value);
  const tenant = await db.tenant.upsert({
    where: { slug: o.slug },
    create: { slug: o.slug, name: o.name },
    update: { name: o.name },
  });
  const passwordHash = await seedPasswordHash(o.password);
  for (const role of DEMO_ROLES) {
    const email = `${role}@${o.userDomain}`;
    const name = `${role[0]?.toUpperCase()}${role.slice(1)} ${o.name.split(' ')[0]}`;
    const user = await db.user.upsert({
      where: { email },
      create: { email, name, passwordHash },
      update: { passwordHash },
    });
    await db.membership.upsert({
      where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
      create: { tenantId: tenant.id, userId: user.id, role },
      update: { role },
    });
  }
  const connectionIds: Record<string, string> = {};
  for (const [key, s] of Object.entries(systems(o))) {
    const secrets = {
      baseUrl: s.url,
      credentialsEncrypted: s.credentials ? seal(JSON.stringify(s.credentials)) : null,
      webhookSecretEncrypted: s.webhookSecret ? seal(s.webhookSecret) : null,
      rateLimitPerSecond: s.rateLimitPerSecond ?? null,
      maxConcurrency: s.maxConcurrency ?? null,
    };
    const c = await db.connection.upsert({
      where: { tenantId_key: { tenantId: tenant.id, key } },
      create: { tenantId: tenant.id, key, name: s.name, provider: s.provider, ...secrets },
      update: secrets,
    });
    connectionIds[key] = c.id;
  }
  const flowIds = await seedFlows(db, tenant.id, connectionIds, o);
  return {
    tenantId: tenant.id,
    commerceConnectionId: connectionIds.commerce ?? '',
    warehouseConnectionId: connectionIds.warehouse ?? '',
    connectionIds,
    flowIds,
    flowId: flowIds['orders-paid-to-warehouse'] ?? '',
  };
}

async function seedFlows(
  db: Db,
  tenantId: string,
  connectionIds: Record<string, string>,
  o: DemoSeedOptions,
): Promise<Record<string, string>> {
  const retryPolicy = o.retryPolicy ?? {
    maxAttempts: 8,
    baseDelayMs: 2000,
    maxDelayMs: 5 * 60_000,
  };
  const flowIds: Record<string, string> = {};
  for (const spec of DEMO_FLOWS) {
    const dependsOnFlowId = spec.dependsOn ? flowIds[spec.dependsOn] : undefined;
    const poll =
      spec.poll && (o.inventoryPollEveryMs ?? 60_000) > 0
        ? { pollFeed: spec.poll.feed, pollEveryMs: o.inventoryPollEveryMs ?? 60_000 }
        : { pollFeed: null, pollEveryMs: null };
    const flow = await db.flow.upsert({
      where: { tenantId_key: { tenantId, key: spec.key } },
      create: {
        tenantId,
        key: spec.key,
        name: spec.name,
        sourceConnectionId: connectionIds[spec.source] ?? '',
        eventType: spec.eventType,
        targetConnectionId: connectionIds[spec.target] ?? '',
        operation: spec.operation,
        retryPolicy,
        dependsOnFlowId,
        ...poll,
      },
      update: { retryPolicy, dependsOnFlowId, ...poll },
    });
    flowIds[spec.key] = flow.id;
    const existing = await db.mappingVersion.findFirst({ where: { flowId: flow.id, version: 1 } });
    const mapping =
      existing ??
      (await db.mappingVersion.create({
        data: {
          tenantId,
          flowId: flow.id,
          version: 1,
          expression: spec.expression,
          statusTable: spec.statusTable,
          fieldOwnership: spec.fieldOwnership,
          note: 'initial mapping',
        },
      }));
    if (!flow.activeMappingVersionId)
      await db.flow.update({
        where: { id: flow.id },
        data: { activeMappingVersionId: mapping.id },
      });
  }
  return flowIds;
}

/**
 * A second tenant for the tenant switcher: "Globex Supply" with no connections or flows, where
 * the demo admin is only a viewer and the demo support user is the admin. Separate from
 * seedDemoTenant because integration tests seed tenants of their own (including "globex") with it.
 */
export async function seedSecondTenant(
  db: Db,
  o: { userDomain: string; slug?: string; name?: string },
): Promise<{ tenantId: string }> {
  const slug = o.slug ?? 'globex';
  const name = o.name ?? 'Globex Supply';
  const tenant = await db.tenant.upsert({ where: { slug }, create: { slug, name }, update: {} });
  const roles: [string, Role][] = [
    [`admin@${o.userDomain}`, 'viewer'],
    [`support@${o.userDomain}`, 'admin'],
  ];
  for (const [email, role] of roles) {
    const user = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) continue; // seedDemoTenant creates them; without it there is no one to add
    await db.membership.upsert({
      where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
      create: { tenantId: tenant.id, userId: user.id, role },
      update: {},
    });
  }
  return { tenantId: tenant.id };
}

/**
 * The demo's business checks (SLA rules, shown on the overview): a paid order's warehouse
 * fulfilment must complete within 30 minutes of the order being received, and a refund must be an
 * ERP credit memo within an hour. Only the demo seeds them (tests place their own rules).
 */
const DEMO_SLA_RULES = [
  {
    flow: 'orders-paid-to-warehouse',
    name: 'Warehouse acknowledgement within 30 minutes of payment',
    withinMinutes: 30,
  },
  { flow: 'refunds-to-erp', name: 'Refunds as ERP credit memos within an hour', withinMinutes: 60 },
] as const;

export async function seedDemoSlaRule(db: Db, tenantId: string): Promise<void> {
  for (const rule of DEMO_SLA_RULES) {
    const flow = await db.flow.findUnique({
      where: { tenantId_key: { tenantId, key: rule.flow } },
      select: { id: true },
    });
    if (!flow) continue;
    const exists = await db.slaRule.findFirst({
      where: { tenantId, name: rule.name },
      select: { id: true },
    });
    if (!exists)
      await db.slaRule.create({
        data: {
          tenantId,
          name: rule.name,
          expectFlowId: flow.id,
          withinMinutes: rule.withinMinutes,
        },
      });
  }
}
