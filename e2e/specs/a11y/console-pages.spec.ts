import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import pg from 'pg';
import type { DemoRole } from '../../pages/login-page';
import { expect, test } from '../../support';

// Every console screen, as the role with the most on screen (admin: every button and form) and as
// the one with the least (viewer: masked data, no actions), checked by axe. Serious and critical
// violations fail; the list names the page and the rule so the fix is findable.
async function auditPages(page: Page, paths: Record<string, string>) {
  const problems: string[] = [];
  for (const [name, path] of Object.entries(paths)) {
    const response = await page.goto(path);
    expect(response?.status(), `${name} (${path})`).toBeLessThan(400);
    await page.waitForLoadState('networkidle');
    const result = await new AxeBuilder({ page }).analyze();
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        problems.push(
          `${name}: ${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')})`,
        );
  }
  return problems;
}

async function transactionOf(page: Page, orderNumber: number): Promise<string> {
  const body = (await (await page.request.get(`/api/v1/orders/${orderNumber}`)).json()) as {
    transactions?: { id: string }[];
    steps?: { id: string }[];
  };
  const id = (body.transactions ?? body.steps ?? [])[0]?.id;
  if (!id) throw new Error(`no transaction for order ${orderNumber}: ${JSON.stringify(body)}`);
  return id;
}

/** Ids for the admin's detail pages: a flow, a connection and a reconciliation run of the flow. */
async function adminDetailIds(page: Page, baseURL: string) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  let flowId: string;
  let connectionId: string;
  try {
    const { rows } = await client.query<{ id: string; target: string }>(
      `SELECT f.id::text, f.target_connection_id::text AS target FROM flows f
       JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = 'acme' AND f.key = 'orders-paid-to-erp'`,
    );
    flowId = rows[0]?.id ?? '';
    connectionId = rows[0]?.target ?? '';
  } finally {
    await client.end();
  }
  const day = new Date().toISOString().slice(0, 10);
  const started = await page.request.post('/api/v1/reconciliation/runs', {
    data: { flowId, windowFrom: `${day}T00:00:00Z`, windowTo: `${day}T12:00:00Z` },
    headers: { origin: baseURL },
  });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  return { flowId, connectionId, runId };
}

test('the sign-in page has no serious accessibility violations', async ({ page }) => {
  expect(await auditPages(page, { login: '/login' })).toEqual([]);
});

for (const role of ['admin', 'viewer'] satisfies DemoRole[]) {
  test(`every console page has no serious accessibility violations (${role})`, async ({
    page,
    login,
    sendPaidOrder,
    baseURL,
  }) => {
    // about twenty pages, each loaded to network idle and analysed by axe
    test.setTimeout(240_000);
    const orderNumber = await sendPaidOrder();
    await login.signInAs(role);
    const transactionId = await transactionOf(page, orderNumber);
    const paths: Record<string, string> = {
      overview: '/',
      transactions: '/transactions',
      'transactions filtered': '/transactions?status=failed,needs_review',
      transaction: `/transactions/${transactionId}`,
      'order journey': `/orders/${orderNumber}`,
      search: `/search?q=${orderNumber}`,
      'error queues': '/errors',
      connections: '/connections',
      inbound: '/inbound',
    };
    if (role === 'admin') {
      paths.replays = '/replays?preview=1&statuses=failed&statuses=needs_review';
      paths.settings = '/settings';
      const ids = await adminDetailIds(page, baseURL ?? '');
      Object.assign(paths, {
        'audit log': '/audit',
        flows: '/flows',
        flow: `/flows/${ids.flowId}`,
        'new connection': '/connections/new',
        connection: `/connections/${ids.connectionId}`,
        users: '/settings/users',
        tokens: '/settings/tokens',
        'alerts and SLAs': '/settings/alerts',
        reconciliation: '/reconciliation',
        'reconciliation daily': '/reconciliation/daily',
        'reconciliation run': `/reconciliation/runs/${ids.runId}`,
      });
    }
    expect(await auditPages(page, paths)).toEqual([]);
  });
}

test('the command palette has no serious accessibility violations', async ({ page, login }) => {
  await login.signInAs('support');
  await page.keyboard.press('ControlOrMeta+k');
  await expect(page.getByRole('dialog')).toBeVisible();
  const result = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  const serious = result.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id} — ${v.help}`)).toEqual([]);
});
