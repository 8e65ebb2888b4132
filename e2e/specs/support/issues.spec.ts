// Acceptance (issue 21): an issue resolved, then failing again, reopens with its history; an
// owner, a snooze and a comment survive a reload and show in the audit log.
//
// Failures come from the real engine: an expired warehouse token sends paid orders to review as
// `auth` failures. Issues are kept by the worker's upkeep job, which reads the timeline a minute
// behind (ADR 0028) every 15 s, so each wait for the upkeep below allows up to three minutes.
import type { Page } from '@playwright/test';
import { expect, test } from '../../support';

const WAREHOUSE_FLOW = 'Paid orders → warehouse fulfilment';
const UPKEEP_WAIT = { timeout: 180_000, intervals: [5_000] };

interface IssueRow {
  id: string;
  flowName: string;
  errorClass: string | null;
  state: string;
  failureCount: number;
}

async function warehouseAuthIssue(page: Page): Promise<IssueRow | undefined> {
  const response = await page.request.get('/api/v1/issues?state=all&snoozed=show');
  expect(response.status()).toBe(200);
  const { issues } = (await response.json()) as { issues: IssueRow[] };
  return issues.find((i) => i.flowName === WAREHOUSE_FLOW && i.errorClass === 'auth');
}

test.describe('issues', () => {
  test.afterEach(async ({ chaos }) => {
    await chaos('warehouse', { authExpired: false });
  });

  test('a resolved issue reopens when failures return; owner, snooze and comment are kept and audited', async ({
    page,
    login,
    sendPaidOrder,
    chaos,
  }) => {
    test.setTimeout(480_000);
    await login.signInAs('admin');
    const before = (await warehouseAuthIssue(page))?.failureCount ?? 0;

    await chaos('warehouse', { authExpired: true });
    await sendPaidOrder();
    await expect
      .poll(async () => (await warehouseAuthIssue(page))?.failureCount ?? 0, UPKEEP_WAIT)
      .toBeGreaterThan(before);
    const issue = await warehouseAuthIssue(page);
    if (!issue) throw new Error('no warehouse auth issue');

    // Found from the Error queues screen, with the filter in the URL.
    await page.goto('/errors?state=all&snoozed=show');
    await page
      .getByRole('list', { name: 'Issues' })
      .locator(`a[href="/errors/issues/${issue.id}"]`)
      .click();
    await expect(page).toHaveURL(new RegExp(`/errors/issues/${issue.id}$`));
    // visible only, here and below: across reloads and refreshes the router can keep a hidden copy
    // of the page beside the one shown for a moment (one CI run met two owners)
    const shown = (testId: string) => page.getByTestId(testId).filter({ visible: true });
    const state = shown('issue-state');
    // A rerun of the suite on the same ledger may find it ignored or acknowledged: start open.
    if ((await state.textContent()) !== 'Open') {
      await page.getByRole('button', { name: 'Reopen' }).click();
      await expect(state).toHaveText('Open');
    }

    // Resolve it, then fail again: it reopens by itself, with the reopen in its history.
    await page.getByLabel('Note (optional)').fill('token renewed');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect(state).toHaveText('Resolved');
    await sendPaidOrder();
    await expect(async () => {
      await page.reload();
      await expect(state).toHaveText('Open', { timeout: 1_000 });
    }).toPass(UPKEEP_WAIT);
    // By its role: its test id matched two lists once in CI (likely a hidden copy of the page
    // across the reloads above; a hidden element has no role, a duplicate shown would still fail).
    const history = page.getByRole('list', { name: 'Issue history' });
    await expect(history).toContainText('reopened: failures returned');
    await expect(history).toContainText('open → resolved: token renewed');

    // Owner, snooze and comment.
    const owner = page.getByLabel('Owner', { exact: true });
    const ownerName = (await owner.locator('option').nth(1).textContent())?.trim() ?? '';
    expect(ownerName).not.toBe('');
    await owner.selectOption({ label: ownerName });
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Owner assigned.' })).toBeVisible();

    const until = new Date(Date.now() + 2 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = `${until.getFullYear()}-${pad(until.getMonth() + 1)}-${pad(until.getDate())}T09:30`;
    await page.getByLabel(/^Snooze until/).fill(local);
    await page.getByRole('button', { name: 'Snooze', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Snoozed.' })).toBeVisible();

    const comment = `WMS support ticket ${Date.now()}`;
    await page.getByLabel('Comment', { exact: true }).fill(comment);
    await page.getByRole('button', { name: 'Add comment' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Comment added.' })).toBeVisible();

    // All three survive a reload.
    await page.reload();
    await expect(shown('issue-owner')).toHaveText(ownerName);
    await expect(shown('issue-snooze')).toContainText('until');
    await expect(history).toContainText(comment);
    await expect(history).toContainText(`Assigned to ${ownerName}`);

    // Snoozed: gone from the default list, back when snoozed issues are shown.
    await page.goto('/errors');
    await expect(page.locator(`a[href="/errors/issues/${issue.id}"]`)).toHaveCount(0);
    await page.goto('/errors?state=all&snoozed=show');
    await expect(page.locator(`a[href="/errors/issues/${issue.id}"]`)).toHaveCount(1);

    // And every change is in the audit log, the comment as its reason.
    await page.goto(`/audit?objectType=issue&objectId=${issue.id}`);
    const rows = page.getByTestId('audit-row');
    await expect(rows.filter({ hasText: /assigned/i })).not.toHaveCount(0);
    await expect(rows.filter({ hasText: /snoozed/i })).not.toHaveCount(0);
    await expect(rows.filter({ hasText: comment })).toHaveCount(1);
    await expect(rows.filter({ hasText: /state.changed/i })).not.toHaveCount(0);
  });
});
