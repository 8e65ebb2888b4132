// Acceptance: support bulk-replays the failures of a warehouse outage window and watches progress
// reach 100%. The outage is an expired warehouse token: auth failures go straight to review
// (no retry schedule to wait out), so the group fills in seconds and stays put until replayed.
import { expect, test } from '../../support';
import { ErrorQueuesPage } from '../../pages/error-queues-page';
import { suiteRows } from '../../support/suite-db';

const WAREHOUSE_FLOW = 'Paid orders → warehouse fulfilment';
const ORDERS = 3;

/** Transactions whose timeline records a replay with this reason. */
async function replayedWith(reason: string): Promise<number> {
  const rows = await suiteRows<{ n: number }>(
    `SELECT count(DISTINCT transaction_id)::int AS n FROM timeline_entries
     WHERE type = 'replay.requested' AND data->>'reason' = $1`,
    [reason],
  );
  return rows[0]?.n ?? 0;
}

test.describe('error queues', () => {
  test.afterEach(async ({ chaos }) => {
    await chaos('warehouse', { authExpired: false });
  });

  test('support replays the warehouse outage window and watches it reach 100%', async ({
    page,
    login,
    transactions,
    transaction,
    sendPaidOrder,
    chaos,
  }) => {
    const errors = new ErrorQueuesPage(page);
    await login.signInAs('support');

    await chaos('warehouse', { authExpired: true });
    const orders: number[] = [];
    for (let i = 0; i < ORDERS; i += 1) orders.push(await sendPaidOrder());
    await errors.open();
    await errors.waitForGroup(WAREHOUSE_FLOW, 'auth', ORDERS);
    const group = errors.group(WAREHOUSE_FLOW, 'auth');
    await expect(group).toContainText('Credentials refused');
    await expect(group.getByRole('link', { name: /^Show the \d+ transactions/ })).toHaveAttribute(
      'href',
      /flowId=.*errorClass=auth/,
    );
    const before = await errors.openCount(WAREHOUSE_FLOW, 'auth');

    // The token is fixed: replay what failed during the outage.
    await chaos('warehouse', { authExpired: false });
    const reason = `warehouse token renewed (e2e ${orders[0]})`;
    const count = await errors.replayTimeWindow(WAREHOUSE_FLOW, 'auth', reason);
    // The window may hold more than `before`: specs beside this one send orders too, and theirs
    // that reached the warehouse during the outage joined the group after it was counted.
    expect(count).toBeGreaterThanOrEqual(ORDERS);

    const progress = errors.replayProgress(`${WAREHOUSE_FLOW} · auth`);
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
    await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(progress.getByTestId('error-replay-counts')).toContainText(
      `${count} replayed · 0 skipped`,
    );
    // exactly the previewed transactions were replayed: each carries the reason, none other does
    expect(await replayedWith(reason)).toBe(count);

    // The finished replay refreshed the screen: the group shrank by what was replayed, or went.
    await expect(async () => {
      await page.reload();
      expect(await errors.openCount(WAREHOUSE_FLOW, 'auth')).toBeLessThanOrEqual(
        Math.max(0, before - count),
      );
    }).toPass({ timeout: 30_000 });

    // The orders reach the warehouse, with the reason on their timeline.
    const first = orders[0] ?? 0;
    await transactions.openOrderInFlow(first, WAREHOUSE_FLOW);
    await expect(transaction.status()).toHaveText('completed', { timeout: 30_000 });
    await expect(transaction.timelineEntries('replay.requested')).toContainText(reason);
  });

  test('finance and the viewer see the groups but no replay, resolve or ignore buttons', async ({
    page,
    login,
  }) => {
    for (const role of ['finance', 'viewer'] as const) {
      await login.switchTo(role);
      const errors = new ErrorQueuesPage(page);
      await errors.open();
      await expect(
        page.getByRole('button', {
          name: /^(Replay group|Replay a time window|Resolve group|Ignore group)/,
        }),
      ).toHaveCount(0);
    }
  });
});
