// The demo's sixth system: the Dockyard 3PL, which no adapter knows, as a generic HTTP connection
// (configuration only: OAuth client credentials, its own idempotency, dry-run and signature
// headers, its own state words) and a flow from paid storefront orders to it. Only the demo seeds
// it (`npm run db:seed`); test stacks connect Dockyard themselves, as an admin would.
import type { Db, Prisma } from '@/lib/db';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { getAdapter } from '@/lib/providers/registry';

/** The console's example for a generic connection is written for Dockyard: the demo uses it as is. */
export const DOCKYARD_SETTINGS = getAdapter('http').settingsExample ?? {};

export const ORDER_TO_SHIPMENT_ORDER = `{
  "reference": $string(order_number),
  "recipient": { "name": customer.full_name, "email": email },
  "lines": line_items.{ "sku": sku, "quantity": quantity }[]
}`;

export const DOCKYARD_STATUS_TABLE = {
  booked: 'completed',
  picking: 'completed',
  in_transit: 'completed',
  delivered: 'completed',
  on_hold: 'needs_review',
  refused: 'needs_review',
};

export async function seedDemoDockyard(
  db: Db,
  o: {
    tenantId: string;
    commerceConnectionId: string;
    url: string;
    credentials: { clientId: string; clientSecret: string };
    webhookSecret: string;
    keyRing: KeyRing;
  },
): Promise<{ connectionId: string; flowId: string }> {
  const secrets = {
    baseUrl: o.url,
    credentialsEncrypted: o.keyRing.seal(JSON.stringify(o.credentials)),
    webhookSecretEncrypted: o.keyRing.seal(o.webhookSecret),
  };
  const connection = await db.connection.upsert({
    where: { tenantId_key: { tenantId: o.tenantId, key: 'dockyard' } },
    create: {
      tenantId: o.tenantId,
      key: 'dockyard',
      name: 'Dockyard 3PL',
      provider: 'http',
      settings: DOCKYARD_SETTINGS as Prisma.InputJsonObject,
      ...secrets,
    },
    update: secrets,
  });
  const flow = await db.flow.upsert({
    where: { tenantId_key: { tenantId: o.tenantId, key: 'orders-paid-to-dockyard' } },
    create: {
      tenantId: o.tenantId,
      key: 'orders-paid-to-dockyard',
      name: 'Paid orders → Dockyard',
      sourceConnectionId: o.commerceConnectionId,
      eventType: 'order.paid',
      targetConnectionId: connection.id,
      operation: 'create_shipment_order',
    },
    update: {},
  });
  if (!flow.activeMappingVersionId) {
    const mapping = await db.mappingVersion.create({
      data: {
        tenantId: o.tenantId,
        flowId: flow.id,
        version: 1,
        expression: ORDER_TO_SHIPMENT_ORDER,
        statusTable: DOCKYARD_STATUS_TABLE,
        fieldOwnership: { reference: 'commerce', status: 'dockyard' },
        note: 'initial mapping',
      },
    });
    await db.flow.update({ where: { id: flow.id }, data: { activeMappingVersionId: mapping.id } });
  }
  return { connectionId: connection.id, flowId: flow.id };
}
