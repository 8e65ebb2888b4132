// `npm run simulators`: starts every simulator with settings from the environment (and .env, so
// the simulators agree with Waybill on secrets without extra flags). SIMULATORS=warehouse,erp
// starts only the ones it names, e.g. a system in a process of its own.
import { existsSync } from 'node:fs';
import { startCommerceSimulator } from './commerce/server';
import { startCrmSimulator } from './crm/server';
import { startDockyardSimulator } from './dockyard/server';
import { startErpSimulator } from './erp/server';
import { startPaymentsSimulator } from './payments/server';
import type { RunningSim } from './shared-http';
import { startWarehouseSimulator } from './warehouse/server';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const str = (name: string, fallback: string): string => process.env[name] || fallback;

/** Started in order; later ones read the environment only when their turn comes. */
const simulators: { name: string; start: () => Promise<RunningSim> }[] = [
  {
    name: 'commerce',
    start: () =>
      startCommerceSimulator({
        port: intEnv('COMMERCE_SIM_PORT', 4101),
        webhookUrl: str('COMMERCE_WEBHOOK_URL', 'http://127.0.0.1:3100/api/ingest/acme/commerce'),
        webhookSecret: str('COMMERCE_WEBHOOK_SECRET', 'dev-commerce-webhook-secret'),
        firstOrderNumber: intEnv('COMMERCE_FIRST_ORDER_NUMBER', 1001),
      }),
  },
  {
    name: 'warehouse',
    start: () =>
      startWarehouseSimulator({
        port: intEnv('WAREHOUSE_SIM_PORT', 4102),
        apiToken: str('WAREHOUSE_API_TOKEN', 'dev-warehouse-token'),
        workflowStepMs: intEnv('WAREHOUSE_WORKFLOW_STEP_MS', 3000),
      }).then(async (sim) => {
        // Shipment webhooks go to Waybill, signed with the secret the demo tenant was seeded with.
        const response = await fetch(`${sim.url}/_admin/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            url: str('WAREHOUSE_WEBHOOK_URL', 'http://127.0.0.1:3100/api/ingest/acme/warehouse'),
            secret: str(
              'WAREHOUSE_WEBHOOK_SECRET',
              'whsec_ZGV2LXdhcmVob3VzZS13ZWJob29rLWtleS0zMmIhIQ==',
            ),
          }),
        });
        if (!response.ok) throw new Error(`warehouse webhook setup: ${response.status}`);
        return sim;
      }),
  },
  {
    name: 'payments',
    start: () =>
      startPaymentsSimulator({
        port: intEnv('PAYMENTS_SIM_PORT', 4103),
        apiKey: str('PAYMENTS_API_KEY', 'sk_test_dev_payments'),
        webhookUrl: str('PAYMENTS_WEBHOOK_URL', 'http://127.0.0.1:3100/api/ingest/acme/payments'),
        webhookSecret: str('PAYMENTS_WEBHOOK_SECRET', 'whsec_dev_payments_secret'),
      }),
  },
  {
    name: 'erp',
    start: () =>
      startErpSimulator({
        port: intEnv('ERP_SIM_PORT', 4104),
        apiKey: str('ERP_API_KEY', 'dev-erp-key'),
      }),
  },
  {
    name: 'crm',
    start: () =>
      startCrmSimulator({
        port: intEnv('CRM_SIM_PORT', 4105),
        apiKey: str('CRM_API_KEY', 'dev-crm-key'),
      }),
  },
  {
    name: 'dockyard',
    start: () =>
      startDockyardSimulator({
        port: intEnv('DOCKYARD_SIM_PORT', 4106),
        clientId: str('DOCKYARD_CLIENT_ID', 'dockyard-dev-client'),
        clientSecret: str('DOCKYARD_CLIENT_SECRET', 'dockyard-dev-secret'),
        webhookUrl: str('DOCKYARD_WEBHOOK_URL', 'http://127.0.0.1:3100/api/ingest/acme/dockyard'),
        webhookSecret: str('DOCKYARD_WEBHOOK_SECRET', 'dev-dockyard-webhook-secret'),
        workflowStepMs: intEnv('DOCKYARD_WORKFLOW_STEP_MS', 0),
      }),
  },
];

/** The simulators SIMULATORS names (comma-separated), in start order; all when unset. */
function chosen(): typeof simulators {
  const names = (process.env.SIMULATORS ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) return simulators;
  const unknown = names.filter((n) => !simulators.some((sim) => sim.name === n));
  if (unknown.length)
    throw new Error(
      `SIMULATORS names ${unknown.join(', ')}: known are ${simulators.map((s) => s.name).join(', ')}`,
    );
  return simulators.filter((sim) => names.includes(sim.name));
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const running: RunningSim[] = [];
  for (const sim of chosen()) {
    try {
      const started = await sim.start();
      running.push(started);
      console.log(`${`${sim.name} simulator`.padEnd(20)}${started.url}`);
    } catch (err) {
      // One port taken must not leave the others listening in a half-started process.
      await Promise.all(running.map((r) => r.close()));
      throw new Error(`${sim.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing simulators`);
    Promise.all(running.map((r) => r.close())).then(
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
