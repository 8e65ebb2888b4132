// Acceptance (issue 21, part 5): guided recovery as an admin lives it. The warehouse's token
// expires (one order fails with auth), the admin pauses the warehouse (a second order is held),
// opens the guided recovery from the connections list, fixes the mapping (a new version,
// activated), confirms the fix, previews (held and failed counted, the pre-flight asks the
// warehouse), drains at 2 a second (the connection resumes, both orders reach the warehouse),
// reconciles the outage window (a run of the warehouse flow), completes — and every step is in
// the recovery's audit trail, in order, under the admin's name.
import type { Page } from '@playwright/test';
import { FlowMappingPage } from '../../pages/flow-mapping-page';
import { expect, test } from '../../support';
import { axeFor } from '../../support/page-sweep';
import { suiteRows } from '../../support/suite-db';

const WAREHOUSE_FLOW = 'Paid orders → warehouse fulfilment';
const MARK = '/* e2e: guided recovery fix */';

async function warehouseStatus(page: Page, orderNumber: number): Promise<string | null> {
  const response = await page.request.get(`/api/v1/orders/${orderNumber}`);
  if (!response.ok()) return null;
  const journey = (await response.json()) as {
    steps: { flow: { name: string }; status: string }[];
  };
  return journey.steps.find((s) => s.flow.name === WAREHOUSE_FLOW)?.status ?? null;
}

function waitForWarehouse(page: Page, orderNumber: number, statuses: string[], what: string) {
  return expect
    .poll(() => warehouseStatus(page, orderNumber), {
      timeout: 60_000,
      intervals: [200, 500],
      message: `order ${orderNumber}: ${what}`,
    })
    .toMatch(new RegExp(`^(${statuses.join('|')})$`));
}

/** Leaves the warehouse as the other specs expect it: active, healthy, no recovery's drain rate. */
async function endRecoveries() {
  await suiteRows(
    `UPDATE recoveries SET state = 'abandoned', finished_at = now(), finished_by = 'e2e cleanup'
     WHERE state IN ('open', 'draining', 'reconciling')
       AND tenant_id = (SELECT id FROM tenants WHERE slug = 'acme')`,
  );
}

test.afterEach(async ({ chaos, activateConnection }) => {
  await chaos('warehouse', { authExpired: false });
  await activateConnection('warehouse');
  await endRecoveries();
});

test('an admin recovers the warehouse: pause, fix a mapping, preview, drain at a rate, reconcile the window, each step audited', async ({
  page,
  login,
  connections,
  sendPaidOrder,
  chaos,
}) => {
  test.setTimeout(180_000);
  await login.signInAs('admin');

  // The outage: the warehouse refuses the token; an order fails with auth (straight to review).
  await chaos('warehouse', { authExpired: true });
  const failedOrder = await sendPaidOrder();
  await waitForWarehouse(page, failedOrder, ['needs_review', 'failed'], 'refused by the warehouse');
  await connections.open();
  await connections.pauseConnection('Warehouse', 'warehouse token refused (e2e recovery)');
  await chaos('warehouse', { authExpired: false });
  const heldOrder = await sendPaidOrder();
  await waitForWarehouse(page, heldOrder, ['paused', 'received'], 'held by the pause');

  // The guided recovery opens from the connections list.
  await page.reload();
  await connections
    .connection('Warehouse')
    .getByRole('button', { name: 'Guided recovery of Warehouse' })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Guided recovery of Warehouse', level: 1 }),
  ).toBeVisible();
  const recoveryUrl = page.url();
  const step = (key: string) => page.getByTestId(`recovery-step-${key}`);
  await expect(step('waiting')).toHaveAttribute('data-status', 'done');
  await expect(step('fix')).toHaveAttribute('data-status', 'current');
  const flowRow = step('waiting').getByTestId('recovery-flow').filter({ hasText: WAREHOUSE_FLOW });
  await expect(flowRow).toBeVisible();
  // out of turn: the drain is not offered before the preview
  await expect(page.getByRole('button', { name: 'Resume and drain' })).toHaveCount(0);

  // Fix: a new mapping version of the warehouse flow, activated, reached from the step's link.
  await step('fix').getByRole('link', { name: WAREHOUSE_FLOW }).click();
  const flow = new FlowMappingPage(page);
  await expect(page.getByRole('heading', { name: WAREHOUSE_FLOW, level: 1 })).toBeVisible();
  const original = await flow.activeVersion();
  const editor = flow.expression();
  await expect(editor).toHaveValue(/"reference"/);
  await editor.fill(`${MARK}\n${await editor.inputValue()}`);
  const fixed = await flow.saveVersion('e2e: guided recovery fix');
  await flow.activate(fixed);

  await page.goto(recoveryUrl);
  const changes = step('fix').getByRole('list', { name: 'Changes since the outage began' });
  await expect(changes).toContainText('mapping activated');
  await step('fix')
    .getByRole('textbox', { name: /What was fixed/ })
    .fill('mapping v' + fixed);
  await step('fix').getByRole('button', { name: 'Confirm the fix' }).click();
  await expect(step('fix')).toHaveAttribute('data-status', 'done');
  await expect(step('fix').getByTestId('recovery-fix-confirmed')).toContainText('mapping v');

  // Preview: held and failed counted; the warehouse is asked what it already has.
  await step('preview').getByRole('button', { name: 'Preview the drain' }).click();
  await expect(step('preview')).toHaveAttribute('data-status', 'done');
  const preview = step('preview').getByTestId('recovery-preview');
  await expect(preview).toContainText(/[1-9]\d* held transactions? go(es)? out on resume/);
  await expect(preview).toContainText(/[1-9]\d* failed transactions? by replay/);
  await expect(step('preview').getByTestId('recovery-preflight')).toHaveAttribute(
    'data-status',
    'completed',
    { timeout: 30_000 },
  );

  // Drain at 2 a second: the connection resumes, both orders reach the warehouse.
  await step('drain').getByRole('spinbutton', { name: 'Commands a second' }).fill('2');
  await step('drain').getByRole('button', { name: 'Resume and drain' }).click();
  await expect(page.getByTestId('recovery-state')).toHaveText('Draining');
  await expect(step('drain').getByTestId('recovery-drain-rate')).toHaveText('2/s');
  await waitForWarehouse(page, heldOrder, ['completed'], 'sent after the resume');
  await waitForWarehouse(page, failedOrder, ['completed'], 'replayed by the drain');

  // Reconcile the outage window: a run of the warehouse flow over it.
  await step('reconcile').getByRole('button', { name: 'Reconcile the outage window' }).click();
  await expect(page.getByTestId('recovery-state')).toHaveText('Reconciling the outage window');
  const run = step('reconcile').getByTestId('recovery-run').filter({ hasText: WAREHOUSE_FLOW });
  await expect(run).toBeVisible();
  await expect(run).not.toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Complete the recovery' }).click();
  await expect(page.getByTestId('recovery-state')).toHaveText('Completed');

  // Every step audited, in order, under the admin's name.
  const trail = page.getByTestId('recovery-trail-entry');
  await expect(trail).toHaveCount(6);
  const actions = await trail.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  expect(actions).toEqual([
    'recovery.started',
    'recovery.fix_confirmed',
    'recovery.previewed',
    'recovery.drain_started',
    'recovery.reconcile_started',
    'recovery.completed',
  ]);
  for (const row of await trail.all()) await expect(row).toContainText('Admin Acme');
  const axe = await axeFor(page).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Leave the warehouse flow on the mapping it had.
  await flow.open(WAREHOUSE_FLOW);
  if ((await flow.activeVersion()) !== original) await flow.rollBack();
});
