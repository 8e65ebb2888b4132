// Starts the whole product for the browser tests — built web app, worker, simulators, their own
// database and redis-server — and stops it afterwards. Tests find it through E2E_* variables.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dropDatabase, prepareTemplate, TEMPLATE_DB } from '../test/support/database';
import { startStack, TEST_SECRETS } from '../test/support/stack';
import { createOrderNumbers } from './support/suite-db';
import { findSecrets, fingerprint, knownSecrets } from './support/secret-scan';

// Secrets specs register while running (tokens, invitation links); fresh for every run.
const SECRET_REGISTRY = '.reports/e2e-secrets.jsonl';
// Every line the web app, worker and simulators log during the run: checked for secrets at the end.
const PROCESS_LOGS = '.reports/e2e-logs';

export default async function globalSetup() {
  rmSync(SECRET_REGISTRY, { force: true });
  rmSync(PROCESS_LOGS, { recursive: true, force: true });
  process.env.TEST_LOG_DIR = PROCESS_LOGS;
  await prepareTemplate();
  // with the identity provider of single sign-on (e2e/specs/security/single-sign-on.spec.ts)
  const stack = await startStack({ oidc: true });
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
    // The 3PL no adapter knows: an admin connects it through the generic HTTP kind.
    E2E_DOCKYARD_URL: stack.dockyard.url,
    // The storefront's admin API, so a spec can create paid orders it also lists (reconciliation).
    E2E_COMMERCE_URL: stack.commerce.url,
    // The payments simulator's API, so a spec can pay an order as the demo's traffic does.
    E2E_PAYMENTS_URL: stack.payments.url,
    // The identity provider: a spec registers its people there (addOidcAccount).
    E2E_OIDC_ISSUER: stack.oidc?.issuer ?? '',
    // Every secret the stack was started with, for the leak scanner (e2e/support/secret-scan.ts).
    E2E_KNOWN_SECRETS: JSON.stringify({
      ...TEST_SECRETS,
      oidcClientSecret: stack.oidc?.clientSecret ?? '',
    }),
    E2E_SECRET_REGISTRY: SECRET_REGISTRY,
  });
  await createOrderNumbers().catch(async (e: unknown) => {
    await stack.stop();
    throw e;
  });
  return async () => {
    await stack.stop();
    await dropDatabase(TEMPLATE_DB);
    assertNoSecretsInLogs();
  };
}

/** No process of the stack logged a secret the suite knows (provider keys, webhook secrets,
 *  passwords, API tokens and invitation secrets the specs registered). Fails the run, naming the
 *  log file and a fingerprint, never the secret. */
function assertNoSecretsInLogs(): void {
  const secrets = knownSecrets();
  const leaks = readdirSync(PROCESS_LOGS).flatMap((file) =>
    findSecrets(readFileSync(join(PROCESS_LOGS, file), 'utf8'), secrets).map(
      (s) => `${file}: ${s.label} (${fingerprint(s.value)})`,
    ),
  );
  if (leaks.length) throw new Error(`secrets in process logs:\n${leaks.join('\n')}`);
}
