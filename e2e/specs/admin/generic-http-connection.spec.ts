// Issue 17 acceptance: a system no adapter knows (the Dockyard 3PL) is connected without code. An
// admin, in the browser, creates a generic HTTP connection (OAuth 2.0 client credentials, its own
// idempotency, dry-run and signature headers, its own state words) and a flow from paid storefront
// orders to it, test-runs the mapping against the live system and activates it. Then 100 paid
// orders — a fifth of their webhooks redelivered, every token revoked mid-run, a 429 burst — end as
// exactly 100 shipment orders at Dockyard (its side-effect log; its request log shows the worker
// met the expired token and the 429s), each order's journey shows the step, and a reconciliation
// run of the flow finds no drift.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { APIRequestContext, Page } from '@playwright/test';
import { displayPrefixOf, generateApiTokenSecret, hashApiToken } from '@/lib/identity/api-token';
import {
  DOCKYARD_SETTINGS,
  DOCKYARD_STATUS_TABLE,
  ORDER_TO_SHIPMENT_ORDER,
} from '@/prisma/seed-dockyard';
import { adminJson, createOrders, requestLog, setChaos } from '../../../test/support/sims';
import type { LoggedRequest, SimOrder } from '../../../test/support/sims';
import { FlowMappingPage } from '../../pages/flow-mapping-page';
import { expect, registerSecret, test } from '../../support';

const CONNECTION = 'Dockyard 3PL';
const FLOW = 'Paid orders → Dockyard';
const ORDERS = 100;

// What an integration engineer types for Dockyard (docs/simulators.md is its contract): the same
// configuration the demo seeds.
const MAPPING = ORDER_TO_SHIPMENT_ORDER;
const STATUS_TABLE = JSON.stringify(DOCKYARD_STATUS_TABLE);
const SETTINGS = DOCKYARD_SETTINGS;

/** The next /v2 calls Dockyard answers 429 (its counted burst, docs/simulators.md). */
const BURST = 5;

/** An entry of Dockyard's side-effect log (`GET /_admin/log`): one per shipment order created. */
interface DockyardLogEntry {
  kind: string;
  id: string;
  reference: string;
}

const orderNumbers = (orders: SimOrder[]) => orders.map((o) => String(o.order_number));

/** Shipment orders Dockyard created for these order numbers from the `from`th entry of its log on. */
async function createdFor(dockyardUrl: string, numbers: readonly string[], from = 0) {
  const wanted = new Set(numbers);
  const log = (await adminJson<DockyardLogEntry[]>(dockyardUrl, 'log')).slice(from);
  return log.filter((e) => e.kind === 'shipment_order.created' && wanted.has(e.reference));
}

interface Expiry {
  /** the last request Dockyard had logged before the revocation */
  seq: number;
  /** tokens Dockyard had issued before it */
  issued: number;
}

/**
 * Revokes every token once Dockyard holds a record of these orders. The worker fetches its own
 * token at its first dispatch: revoking any earlier would end only the web app's (the one that
 * tested the connection), and the worker would never meet an expired token.
 */
async function expireTokensOnceUsed(dockyardUrl: string, numbers: string[]): Promise<Expiry> {
  await expect(async () => {
    expect((await createdFor(dockyardUrl, numbers)).length).toBeGreaterThan(0);
  }).toPass({ timeout: 60_000, intervals: [200] });
  const seq = (await requestLog(dockyardUrl)).at(-1)?.seq ?? 0;
  const { issued } = await adminJson<{ issued: number }>(dockyardUrl, 'tokens');
  const { expired } = await adminJson<{ expired: number }>(dockyardUrl, 'expire-tokens', {});
  expect(expired).toBeGreaterThan(0);
  return { seq, issued };
}

/**
 * From Dockyard's request log after the revocation: a /v2 call refused 401 (nothing else answers
 * 401 here: no auth chaos is set, and Waybill only sends tokens Dockyard issued), then a new token
 * issued and a shipment order created with it; the burst answered 429 to BURST calls, and orders
 * were created after it. Returns how many calls were answered 429.
 */
async function provenExpiryAndBurst(dockyardUrl: string, expiry: Expiry): Promise<number> {
  const after = (await requestLog(dockyardUrl)).filter((r) => r.seq > expiry.seq);
  const firstRefused = after.find((r) => r.status === 401 && r.route.includes(' /v2/'));
  expect(firstRefused, 'a call with a revoked token answered 401').toBeDefined();
  const renewed = after.find(
    (r) => r.route === 'POST /oauth/token' && r.status === 200 && r.seq > (firstRefused?.seq ?? 0),
  );
  expect(renewed, 'a token issued after the 401').toBeDefined();
  const created = (r: LoggedRequest) => r.route === 'POST /v2/shipment-orders' && r.status === 201;
  expect(after.some((r) => created(r) && r.seq > (renewed?.seq ?? 0))).toBe(true);
  const { issued } = await adminJson<{ issued: number }>(dockyardUrl, 'tokens');
  expect(issued).toBeGreaterThan(expiry.issued);
  const throttled = after.filter((r) => r.status === 429);
  expect(throttled).toHaveLength(BURST);
  expect(after.some((r) => created(r) && r.seq > (throttled.at(-1)?.seq ?? 0))).toBe(true);
  return throttled.length;
}

const secrets = () =>
  JSON.parse(process.env.E2E_KNOWN_SECRETS ?? '{}') as Record<string, string | undefined>;

async function createConnectionInBrowser(page: Page, dockyardUrl: string): Promise<string> {
  await page.goto('/connections/new');
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Generic HTTP' });
  await page.getByLabel('Name', { exact: true }).fill(CONNECTION);
  await page.getByLabel(/^Key/).fill(`dockyard-${randomUUID().slice(0, 6)}`);
  await page.getByLabel(/^Base URL/).fill(dockyardUrl);
  await page.getByLabel(/Requests, auth, webhooks/).fill(JSON.stringify(SETTINGS, null, 2));
  await page.getByLabel('clientId', { exact: true }).fill(secrets().dockyardClientId ?? '');
  await page.getByLabel('clientSecret', { exact: true }).fill(secrets().dockyardClientSecret ?? '');
  await page.getByRole('button', { name: 'Create connection' }).click();
  await expect(page).toHaveURL(/\/connections\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText(/Connected/).first()).toBeVisible({ timeout: 15_000 });
  return page.url().split('/').pop() ?? '';
}

async function createFlowInBrowser(page: Page): Promise<string> {
  await page.goto('/flows/new');
  await page.getByLabel('Name', { exact: true }).fill(FLOW);
  await page.getByLabel(/^Key/).fill(`orders-to-dockyard-${randomUUID().slice(0, 6)}`);
  await page.getByLabel('Source', { exact: true }).selectOption({ label: 'Storefront' });
  await page.getByLabel('Event', { exact: true }).selectOption('order.paid');
  await page.getByLabel('Target', { exact: true }).selectOption({ label: CONNECTION });
  await page.getByLabel('Operation', { exact: true }).selectOption('create_shipment_order');
  await page.getByRole('button', { name: /Create flow/ }).click();
  await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop() ?? '';
}

async function mapTestRunAndActivate(page: Page) {
  await page.getByLabel('Expression (JSONata)').fill(MAPPING);
  await page.getByLabel('Status table').fill(STATUS_TABLE);
  const mapping = new FlowMappingPage(page);
  expect(await mapping.saveVersion('Dockyard shipment orders from paid orders')).toBe(1);
  // Test run on a payload the storefront delivered, asking Dockyard itself to validate it.
  await page.getByLabel('Mapping', { exact: true }).selectOption({ label: 'Version 1' });
  await page.getByLabel(/Also ask the target to validate it/).check();
  await page.getByRole('button', { name: 'Run test' }).click();
  await expect(page.getByTestId('live-answer')).toContainText('Accepted', { timeout: 15_000 });
  await expect(page.getByTestId('live-answer')).toContainText('state booked');
  await mapping.activate(1);
}

async function withApiToken<T>(db: pg.Client, run: (token: string) => Promise<T>): Promise<T> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'acme'`);
  const token = generateApiTokenSecret();
  registerSecret(token, 'e2e generic http reconciliation token');
  const name = `e2e generic http ${randomUUID().slice(0, 8)}`;
  await db.query(
    `INSERT INTO api_tokens (id, tenant_id, name, prefix, token_hash, scopes)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
    [rows[0]?.id, name, displayPrefixOf(token), hashApiToken(token), ['reconciliation.run']],
  );
  try {
    return await run(token);
  } finally {
    await db.query(`DELETE FROM api_tokens WHERE name = $1`, [name]);
  }
}

async function reconcile(
  request: APIRequestContext,
  token: string,
  flowId: string,
  window: { from: Date; to: Date },
) {
  const headers = { authorization: `Bearer ${token}` };
  const started = await request.post('/api/v1/reconciliation/runs', {
    headers,
    data: { flowId, windowFrom: window.from.toISOString(), windowTo: window.to.toISOString() },
  });
  expect(started.status()).toBeLessThan(300);
  const { runId } = (await started.json()) as { runId: string };
  let run: { status: string; listed: number; matched: number; drifted: number } | undefined;
  await expect(async () => {
    const answer = await request.get(`/api/v1/reconciliation/runs/${runId}`, { headers });
    run = ((await answer.json()) as { run: typeof run }).run;
    expect(run?.status).toBe('completed');
  }).toPass({ timeout: 60_000, intervals: [500] });
  return { runId, run };
}

test('an admin connects a system no adapter knows and 100 paid orders reach it exactly once', async ({
  page,
  login,
  request,
  sendPaidOrder,
}) => {
  test.setTimeout(300_000);
  const dockyardUrl = process.env.E2E_DOCKYARD_URL ?? '';
  const commerceUrl = process.env.E2E_COMMERCE_URL ?? '';
  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    await login.signInAs('admin');
    await createConnectionInBrowser(page, dockyardUrl);
    const flowId = await createFlowInBrowser(page);
    // A stored payload to test-run on: a paid order delivered before the flow has a mapping
    // (its transaction waits in review; it is before the reconciliation window).
    await sendPaidOrder({
      customer: { full_name: 'Ada Lovelace' },
      line_items: [{ sku: 'TENT-2P-GRN', quantity: 1, price: '129.00' }],
    });
    await page.reload();
    await mapTestRunAndActivate(page);
    const before = (await adminJson<DockyardLogEntry[]>(dockyardUrl, 'log')).length;

    // The traffic: redelivered webhooks; half-way, once the worker holds a token it has used,
    // every token is revoked and a burst of 429s armed; then the other half.
    const window = { from: new Date(Date.now() - 1000), to: new Date(0) };
    await setChaos(commerceUrl, { duplicateRate: 0.2 });
    const first = orderNumbers(await createOrders(commerceUrl, ORDERS / 2));
    const expiry = await expireTokensOnceUsed(dockyardUrl, first);
    await setChaos(dockyardUrl, { rateLimitNext: { count: BURST, retryAfterSeconds: 1 } });
    const numbers = [...first, ...orderNumbers(await createOrders(commerceUrl, ORDERS / 2))];

    await expect(async () => {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM transactions
         WHERE flow_id = $1 AND status = 'completed' AND business_key = ANY($2)`,
        [flowId, numbers],
      );
      expect(Number(rows[0]?.n)).toBe(ORDERS);
    }).toPass({ timeout: 180_000, intervals: [1000] });
    await setChaos(commerceUrl, { duplicateRate: 0 });
    window.to = new Date(Date.now() + 1000);

    // Exactly one shipment order per paid order at Dockyard: its side-effect log.
    const created = await createdFor(dockyardUrl, numbers, before);
    expect(created).toHaveLength(ORDERS);
    expect(new Set(created.map((e) => e.reference)).size).toBe(ORDERS);
    expect(new Set(created.map((e) => e.id)).size).toBe(ORDERS);
    // What Dockyard answered after the revocation: the token expiry and the burst really happened.
    const throttled = await provenExpiryAndBurst(dockyardUrl, expiry);
    // Every 429 was a shipment order Waybill tried again later (it is among the 100 above).
    const { rows: refusals } = await db.query<{ status: string; attempts: number }>(
      `SELECT t.status, t.attempts FROM timeline_entries e JOIN transactions t ON t.id = e.transaction_id
       WHERE t.flow_id = $1 AND t.business_key = ANY($2)
         AND e.type = 'provider.failed' AND e.data->>'status' = '429'`,
      [flowId, numbers],
    );
    expect(refusals).toHaveLength(throttled);
    for (const r of refusals) expect(r).toMatchObject({ status: 'completed' });
    for (const r of refusals) expect(r.attempts).toBeGreaterThanOrEqual(2);

    // The journey of an order shows the new step, completed, with Dockyard's reference.
    const sample = created[0];
    await page.goto(`/orders/${sample?.reference ?? ''}`);
    const step = page.getByTestId('journey-step').filter({ hasText: CONNECTION });
    await expect(step).toHaveAttribute('data-status', 'completed');
    await expect(step).toContainText(sample?.id ?? 'DY-');

    // Reconciliation of the flow over the traffic's window: every record matched, no drift.
    const { runId, run } = await withApiToken(db, (token) =>
      reconcile(request, token, flowId, window),
    );
    expect(run?.drifted).toBe(0);
    expect(run?.matched).toBeGreaterThanOrEqual(ORDERS);
    await page.goto(`/reconciliation/runs/${runId}`);
    await expect(page.getByText('No drift: every record agreed.')).toBeVisible();
  } finally {
    await setChaos(commerceUrl, { duplicateRate: 0 }).catch(() => undefined);
    await db.end();
  }
});
