// Starts the whole product for the browser tests — built web app, worker, simulators, their own
// database and redis-server — and stops it afterwards. Tests find it through E2E_* variables.
import { rmSync } from 'node:fs';
import { dropDatabase, prepareTemplate, TEMPLATE_DB } from '../test/support/database';
import { startStack, TEST_SECRETS } from '../test/support/stack';

// Secrets specs register while running (tokens, invitation links); fresh for every run.
const SECRET_REGISTRY = '.reports/e2e-secrets.jsonl';

export default async function globalSetup() {
  rmSync(SECRET_REGISTRY, { force: true });
  await prepareTemplate();
  const stack = await startStack();
  // Guard: the browser tests write to this database; it must be one the suite created.
  if (!stack.dbName.startsWith('wb_test_'))
    throw new Error(`refusing to run e2e against ${stack.dbName}`);
  Object.assign(process.env, {
    E2E_BASE_URL: stack.web.url,
    E2E_INGEST_URL: stack.ingestUrl,
    E2E_DATABASE_URL: stack.env.DATABASE_URL,
    E2E_WEBHOOK_SECRET: TEST_SECRETS.webhookSecret,
    E2E_PASSWORD: TEST_SECRETS.password,
    // Simulator admin endpoints, so a spec can set chaos (e.g. an expired CRM token).
    E2E_WAREHOUSE_URL: stack.warehouse.url,
    E2E_ERP_URL: stack.erp.url,
    E2E_CRM_URL: stack.crm.url,
    // Every secret the stack was started with, for the leak scanner (e2e/support/secret-scan.ts).
    E2E_KNOWN_SECRETS: JSON.stringify(TEST_SECRETS),
    E2E_SECRET_REGISTRY: SECRET_REGISTRY,
  });
  return async () => {
    await stack.stop();
    await dropDatabase(TEMPLATE_DB);
  };
}
