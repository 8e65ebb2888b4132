// `npm run simulators`: starts the commerce and warehouse simulators with settings from the
// environment (and .env, so the simulators agree with Waybill on secrets without extra flags).
import { existsSync } from 'node:fs';
import { startCommerceSimulator } from './commerce/server';
import { startWarehouseSimulator } from './warehouse/server';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = process.env;
  const commerce = await startCommerceSimulator({
    port: intEnv('COMMERCE_SIM_PORT', 4101),
    webhookUrl: env.COMMERCE_WEBHOOK_URL || 'http://127.0.0.1:3000/api/ingest/acme/commerce',
    webhookSecret: env.COMMERCE_WEBHOOK_SECRET || 'dev-commerce-webhook-secret',
    firstOrderNumber: intEnv('COMMERCE_FIRST_ORDER_NUMBER', 1001),
  });
  const warehouse = await startWarehouseSimulator({
    port: intEnv('WAREHOUSE_SIM_PORT', 4102),
    apiToken: env.WAREHOUSE_API_TOKEN || 'dev-warehouse-token',
    workflowStepMs: intEnv('WAREHOUSE_WORKFLOW_STEP_MS', 3000),
  }).catch(async (err: unknown) => {
    await commerce.close();
    throw err;
  });
  console.log(`commerce simulator  ${commerce.url}`);
  console.log(`warehouse simulator ${warehouse.url}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing simulators`);
    Promise.all([commerce.close(), warehouse.close()]).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('simulators failed to start:', err);
  process.exit(1);
});
