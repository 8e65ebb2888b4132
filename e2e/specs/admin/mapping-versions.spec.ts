import { expect, test } from '../../support';
import { FlowMappingPage } from '../../pages/flow-mapping-page';
import { suiteRows } from '../../support/suite-db';

const FLOW = 'Paid orders → warehouse fulfilment';
/**
 * The new version adds a JSONata comment only: it makes exactly the same command, so the specs that
 * run after this one see the warehouse flow behave as before whichever version is active.
 */
const MARK = '/* e2e: mapping edited by the admin */';

/** Audit entries of a flow, straight from the suite's own database (global-setup guards it). */
async function auditOf(flowId: string) {
  return suiteRows<{
    action: string;
    actor_label: string;
    actor_user_id: string | null;
    before: { version?: number } | null;
    after: { version?: number } | null;
  }>(
    `SELECT action, actor_label, actor_user_id::text, before, after FROM audit_entries
     WHERE object_type = 'flow' AND object_id = $1 AND action LIKE 'mapping.%' ORDER BY seq`,
    [flowId],
  );
}

/** Safety net: a failure half-way must not leave the edited version active for later specs. */
async function restoreActiveVersion(flowId: string, version: number) {
  await suiteRows(
    `UPDATE flows SET active_mapping_version_id =
       (SELECT id FROM mapping_versions WHERE flow_id = $1 AND version = $2)
     WHERE id = $1`,
    [flowId, version],
  );
}

test('an admin edits, test-runs, activates and rolls back a mapping; transactions and the audit log show it', async ({
  page,
  login,
  transactions,
  transaction,
  sendPaidOrder,
}) => {
  const flow = new FlowMappingPage(page);
  await login.signInAs('admin');
  // A past payload to test-run on.
  const earlier = await sendPaidOrder();
  await transactions.openOrder(earlier);
  await expect(transaction.status()).toHaveText('completed', { timeout: 30_000 });

  await flow.open(FLOW);
  const flowId = flow.id();
  const original = await flow.activeVersion();
  try {
    // Edit: the editor starts from the active version.
    const editor = flow.expression();
    await expect(editor).toHaveValue(/"reference"/);
    await editor.fill(`${MARK}\n${await editor.inputValue()}`);

    // Test run on a stored payload: input | canonical | outbound request, nothing sent.
    const result = await flow.testRunDraft();
    await expect(result.getByRole('group', { name: 'Canonical command' })).toContainText(
      '"reference"',
    );
    await expect(result.getByTestId('outbound-line')).toContainText('POST');
    await expect(result.getByTestId('outbound-line')).toContainText('/v1/fulfilments');
    await expect(result.getByRole('group', { name: 'Headers' })).toContainText('[credential]');

    // A syntax error is refused with its line, and nothing is saved.
    await editor.fill(`${MARK}\n{ "reference": id,, }`);
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.getByText(/^Line 2, column \d+: /)).toBeVisible();
    // Back to a valid draft: start again from the page's prefill. Opened afresh, not reloaded: a
    // reload may have the browser restore the field's last value over the prefill (a CI run read
    // an empty editor there and saved a version of the comment alone).
    await page.goto(page.url());
    await expect(editor).toHaveValue(/"reference"/);
    await editor.fill(`${MARK}\n${await editor.inputValue()}`);

    const edited = await flow.saveVersion('e2e: comment only');
    expect(edited).toBeGreaterThan(original);
    await expect(flow.versionRow(edited)).toContainText('Admin Acme');
    await expect(flow.versionRow(edited)).toContainText('e2e: comment only');
    await expect(flow.versionRow(edited).getByTestId('active-badge')).toHaveCount(0);

    // Diff between the active version and the new one.
    await page.goto(`/flows/${flowId}?from=${original}&to=${edited}`);
    await expect(page.getByTestId('mapping-diff')).toContainText(MARK);

    await flow.activate(edited);
    const afterActivation = await sendPaidOrder();
    await transactions.openOrder(afterActivation);
    await expect(transaction.status()).toHaveText('completed', { timeout: 30_000 });
    await expect(transaction.timelineEntries('command.sent')).toContainText(
      `with mapping v${edited}`,
    );
    await expect(transaction.headerValue('Mapping version')).toHaveText(String(edited));

    await flow.open(FLOW);
    await flow.rollBack();
    await expect(flow.versionRow(original).getByTestId('active-badge')).toBeVisible();
    const afterRollback = await sendPaidOrder();
    await transactions.openOrder(afterRollback);
    await expect(transaction.status()).toHaveText('completed', { timeout: 30_000 });
    await expect(transaction.timelineEntries('command.sent')).toContainText(
      `with mapping v${original}`,
    );

    // The audit log holds each step with the admin as actor.
    const audit = await auditOf(flowId);
    const step = (action: string) => audit.filter((e) => e.action === action).at(-1);
    expect(step('mapping.version_created')).toMatchObject({
      actor_label: 'Admin Acme',
      after: expect.objectContaining({ version: edited }),
    });
    expect(step('mapping.activated')).toMatchObject({
      actor_label: 'Admin Acme',
      before: expect.objectContaining({ version: original }),
      after: expect.objectContaining({ version: edited }),
    });
    expect(step('mapping.rolled_back')).toMatchObject({
      actor_label: 'Admin Acme',
      before: expect.objectContaining({ version: edited }),
      after: expect.objectContaining({ version: original }),
    });
    for (const e of audit) expect(e.actor_user_id).not.toBeNull();
  } finally {
    await restoreActiveVersion(flowId, original);
  }
});

test('support sees the versions read-only; finance and viewers are refused the screen', async ({
  page,
  login,
}) => {
  const flow = new FlowMappingPage(page);
  await login.signInAs('support');
  await flow.open(FLOW);
  await expect(page.getByTestId('version-history')).toBeVisible();
  await expect(flow.expression()).toHaveAttribute('readonly', '');
  await expect(page.getByRole('button', { name: 'Save as new version' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Activate/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Roll back' })).toHaveCount(0);
  const flowUrl = page.url();

  for (const role of ['finance', 'viewer'] as const) {
    await login.switchTo(role);
    const response = await page.goto(flowUrl);
    expect(response?.status()).toBe(403);
  }
});
