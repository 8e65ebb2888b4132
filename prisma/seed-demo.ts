// The demo tenant "Acme Outfitters": users for every role, the commerce and warehouse connections
// and the flow orders/paid -> warehouse create_fulfilment with mapping version 1. Idempotent: a
// second run updates secrets and URLs and leaves history alone. Tests call it with their own
// simulator URLs.
import type { Db, Role } from '@/lib/db';
import { hashPassword } from '@/lib/auth/password';
import { sealSecret } from '@/lib/crypto/secret-box';

export interface DemoSeedOptions {
  slug: string;
  name: string;
  userDomain: string;
  password: string;
  commerceWebhookSecret: string;
  commerceUrl: string;
  warehouseUrl: string;
  warehouseApiToken: string;
  encryptionKey: Buffer;
  /** retry policy of the demo flow; tests shorten the delays */
  retryPolicy?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
}

export const DEMO_ROLES: Role[] = ['admin', 'support', 'finance', 'viewer'];

export const ORDER_TO_FULFILMENT = `{
  "reference": "order-" & $string(order_number),
  "orderNumber": $string(order_number),
  "lines": [line_items.{ "sku": sku, "quantity": quantity }],
  "shipTo": {
    "name": shipping_address.name,
    "address1": shipping_address.address1,
    "city": shipping_address.city,
    "postalCode": shipping_address.zip,
    "country": shipping_address.country_code
  }
}`;

const WAREHOUSE_STATUS_TABLE = {
  CREATED: 'completed',
  QUEUED: 'completed',
  PROCESSING: 'completed',
  SENT: 'completed',
  ACKNOWLEDGED: 'completed',
  COMPLETE: 'completed',
  ERROR: 'needs_review',
};

export async function seedDemoTenant(db: Db, o: DemoSeedOptions) {
  const seal = (value: string) => sealSecret(value, o.encryptionKey);
  const tenant = await db.tenant.upsert({
    where: { slug: o.slug },
    create: { slug: o.slug, name: o.name },
    update: { name: o.name },
  });
  const passwordHash = await hashPassword(o.password);
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
  const commerce = await db.connection.upsert({
    where: { tenantId_key: { tenantId: tenant.id, key: 'commerce' } },
    create: {
      tenantId: tenant.id,
      key: 'commerce',
      name: 'Storefront',
      provider: 'commerce',
      baseUrl: o.commerceUrl,
      webhookSecretEncrypted: seal(o.commerceWebhookSecret),
    },
    update: { baseUrl: o.commerceUrl, webhookSecretEncrypted: seal(o.commerceWebhookSecret) },
  });
  const credentials = seal(JSON.stringify({ apiToken: o.warehouseApiToken }));
  const warehouse = await db.connection.upsert({
    where: { tenantId_key: { tenantId: tenant.id, key: 'warehouse' } },
    create: {
      tenantId: tenant.id,
      key: 'warehouse',
      name: 'Warehouse',
      provider: 'warehouse',
      baseUrl: o.warehouseUrl,
      credentialsEncrypted: credentials,
      rateLimitPerSecond: 50,
      maxConcurrency: 16,
    },
    update: { baseUrl: o.warehouseUrl, credentialsEncrypted: credentials },
  });
  const retryPolicy = o.retryPolicy ?? {
    maxAttempts: 8,
    baseDelayMs: 2000,
    maxDelayMs: 5 * 60_000,
  };
  const flow = await db.flow.upsert({
    where: { tenantId_key: { tenantId: tenant.id, key: 'orders-paid-to-warehouse' } },
    create: {
      tenantId: tenant.id,
      key: 'orders-paid-to-warehouse',
      name: 'Paid orders → warehouse fulfilment',
      sourceConnectionId: commerce.id,
      eventType: 'order.paid',
      targetConnectionId: warehouse.id,
      operation: 'create_fulfilment',
      retryPolicy,
    },
    update: { retryPolicy },
  });
  const existing = await db.mappingVersion.findFirst({ where: { flowId: flow.id, version: 1 } });
  const mapping =
    existing ??
    (await db.mappingVersion.create({
      data: {
        tenantId: tenant.id,
        flowId: flow.id,
        version: 1,
        expression: ORDER_TO_FULFILMENT,
        statusTable: WAREHOUSE_STATUS_TABLE,
        fieldOwnership: { 'shipTo.*': 'commerce', status: 'warehouse' },
        note: 'initial mapping',
      },
    }));
  if (!flow.activeMappingVersionId)
    await db.flow.update({ where: { id: flow.id }, data: { activeMappingVersionId: mapping.id } });
  return {
    tenantId: tenant.id,
    commerceConnectionId: commerce.id,
    warehouseConnectionId: warehouse.id,
    flowId: flow.id,
  };
}
