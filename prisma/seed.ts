// `npm run db:seed`: seeds the demo tenant from the DEMO_* variables (.env.example).
import { createDb } from '@/lib/db';
import { keyRingFromEnv } from '@/lib/crypto/key-ring';
import { demoEnv, serverEnv } from '@/lib/env';
import { seedDemoSlaRule, seedDemoTenant, seedSecondTenant } from './seed-demo';
import { seedDemoDockyard } from './seed-dockyard';

const env = serverEnv();
const demo = demoEnv();
const db = createDb({ connectionString: env.DATABASE_URL });
try {
  const seeded = await seedDemoTenant(db, {
    slug: demo.DEMO_TENANT_SLUG,
    name: demo.DEMO_TENANT_NAME,
    userDomain: demo.DEMO_USER_DOMAIN,
    password: demo.DEMO_PASSWORD,
    commerceWebhookSecret: demo.COMMERCE_WEBHOOK_SECRET,
    commerceUrl: demo.COMMERCE_SIM_URL,
    warehouseUrl: demo.WAREHOUSE_SIM_URL,
    warehouseApiToken: demo.WAREHOUSE_API_TOKEN,
    warehouseWebhookSecret: demo.WAREHOUSE_WEBHOOK_SECRET,
    payments: {
      url: demo.PAYMENTS_SIM_URL,
      webhookSecret: demo.PAYMENTS_WEBHOOK_SECRET,
      credentials: { apiKey: demo.PAYMENTS_API_KEY },
    },
    erp: { url: demo.ERP_SIM_URL, credentials: { apiKey: demo.ERP_API_KEY } },
    crm: { url: demo.CRM_SIM_URL, credentials: { apiKey: demo.CRM_API_KEY } },
    inventoryPollEveryMs: demo.INVENTORY_POLL_EVERY_MS,
    keyRing: keyRingFromEnv(env),
  });
  console.log(`seeded tenant ${demo.DEMO_TENANT_SLUG} (${seeded.tenantId})`);
  await seedDemoSlaRule(db, seeded.tenantId);
  await seedDemoDockyard(db, {
    tenantId: seeded.tenantId,
    commerceConnectionId: seeded.commerceConnectionId,
    url: demo.DOCKYARD_SIM_URL,
    credentials: { clientId: demo.DOCKYARD_CLIENT_ID, clientSecret: demo.DOCKYARD_CLIENT_SECRET },
    webhookSecret: demo.DOCKYARD_WEBHOOK_SECRET,
    keyRing: keyRingFromEnv(env),
  });
  console.log('seeded the Dockyard 3PL as a generic HTTP connection');
  const second = await seedSecondTenant(db, { userDomain: demo.DEMO_USER_DOMAIN });
  console.log(`seeded tenant globex (${second.tenantId}) for the tenant switcher`);
} finally {
  await db.$disconnect();
}
