import { expect, type Page } from '@playwright/test';
import type { DemoRole } from '../pages/login-page';
import { suiteRows, withSuiteDb } from './suite-db';

// Every console screen by name, for the checks that visit them all (axe, layout). Detail pages
// need ids: a transaction of a fresh order, and for the admin a flow, its target connection and
// a reconciliation run of that flow.

export async function transactionOf(page: Page, orderNumber: number): Promise<string> {
  const body = (await (await page.request.get(`/api/v1/orders/${orderNumber}`)).json()) as {
    transactions?: { id: string }[];
    steps?: { id: string }[];
  };
  const id = (body.transactions ?? body.steps ?? [])[0]?.id;
  if (!id) throw new Error(`no transaction for order ${orderNumber}: ${JSON.stringify(body)}`);
  return id;
}

async function adminDetailIds(page: Page, baseURL: string) {
  const rows = await suiteRows<{ id: string; target: string }>(
    `SELECT f.id::text, f.target_connection_id::text AS target FROM flows f
     JOIN tenants t ON t.id = f.tenant_id WHERE t.slug = 'acme' AND f.key = 'orders-paid-to-erp'`,
  );
  const flowId = rows[0]?.id ?? '';
  const connectionId = rows[0]?.target ?? '';
  const day = new Date().toISOString().slice(0, 10);
  const started = await page.request.post('/api/v1/reconciliation/runs', {
    data: { flowId, windowFrom: `${day}T00:00:00Z`, windowTo: `${day}T12:00:00Z` },
    headers: { origin: baseURL },
  });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  return { flowId, connectionId, runId };
}

/**
 * An issue of the demo tenant for its page. Issues are made by the worker's upkeep a minute after
 * failures (ADR 0028), too late for a sweep that starts on a fresh ledger: when none exists yet,
 * one is stored for the ERP flow's timeouts, as the upkeep would store it.
 */
async function issueId(): Promise<string> {
  const rows = await suiteRows<{ id: string }>(
    `INSERT INTO issues (id, tenant_id, flow_id, error_class, title, first_seen_at, last_seen_at, failure_count)
     SELECT gen_random_uuid(), f.tenant_id, f.id, 'timeout', 'Timeout on ' || f.name, now(), now(), 0
     FROM flows f JOIN tenants t ON t.id = f.tenant_id
     WHERE t.slug = 'acme' AND f.key = 'orders-paid-to-erp'
     ON CONFLICT (tenant_id, flow_id, error_class) DO UPDATE SET title = issues.title
     RETURNING id::text`,
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('no issue for the a11y sweep');
  return id;
}

/** The business check the sweeps read: theirs alone, never deleted. */
const SWEEP_RULE = 'a11y sweep: paid orders in the warehouse within a week';

/**
 * A business check's rule and a guided recovery for their pages. A recovery is
 * stored as one that was abandoned after its preview: starting a live one would pause a connection
 * under the specs that run beside the sweep.
 */
async function checkAndRecoveryIds(): Promise<{ ruleId: string; recoveryId: string }> {
  return withSuiteDb(async (client) => {
    // The sweep's own rule, made once by name: "the first enabled rule" could be another spec's,
    // deleted while the sweep reads it. One that never breaches (a week).
    const rule = await client.query<{ id: string }>(
      `WITH existing AS (
         SELECT r.id FROM sla_rules r JOIN tenants t ON t.id = r.tenant_id
         WHERE t.slug = 'acme' AND r.name = $1),
       added AS (
         INSERT INTO sla_rules (id, tenant_id, name, expect_flow_id, within_minutes)
         SELECT gen_random_uuid(), f.tenant_id, $1, f.id, 10080
         FROM flows f JOIN tenants t ON t.id = f.tenant_id
         WHERE t.slug = 'acme' AND f.key = 'orders-paid-to-warehouse'
           AND NOT EXISTS (SELECT 1 FROM existing)
         RETURNING id)
       SELECT id::text FROM existing UNION ALL SELECT id::text FROM added`,
      [SWEEP_RULE],
    );
    const recovery = await client.query<{ id: string }>(
      `INSERT INTO recoveries (id, tenant_id, connection_id, state, cause, cause_detail, outage_from,
         waiting_at_start, failed_at_start, started_by_id, started_by, fix_confirmed_at, fix_note,
         previewed_at, preview_waiting, preview_failed, finished_at, finished_by)
       SELECT gen_random_uuid(), c.tenant_id, c.id, 'abandoned', 'paused', 'a11y sweep',
         now() - interval '1 hour', 3, 1, 'system', 'system', now() - interval '50 minutes',
         'token renewed', now() - interval '40 minutes', 3, 1, now(), 'system'
       FROM connections c JOIN tenants t ON t.id = c.tenant_id
       WHERE t.slug = 'acme' AND c.key = 'warehouse'
       RETURNING id::text`,
    );
    const ruleId = rule.rows[0]?.id;
    const recoveryId = recovery.rows[0]?.id;
    if (!ruleId || !recoveryId) throw new Error('no business check or recovery for the a11y sweep');
    return { ruleId, recoveryId };
  });
}

/** The pages `role` may open, signed in already; the admin's list is every console page. */
export async function consolePaths(
  page: Page,
  role: DemoRole,
  orderNumber: number,
  baseURL: string,
): Promise<Record<string, string>> {
  const transactionId = await transactionOf(page, orderNumber);
  const { ruleId, recoveryId } = await checkAndRecoveryIds();
  const paths: Record<string, string> = {
    overview: '/',
    transactions: '/transactions',
    'transactions filtered': '/transactions?status=failed,needs_review',
    transaction: `/transactions/${transactionId}`,
    'order journey': `/orders/${orderNumber}`,
    search: `/search?q=${orderNumber}`,
    orders: '/orders',
    'error queues': '/errors',
    'error queues issues': '/errors?state=all&snoozed=show',
    issue: `/errors/issues/${await issueId()}`,
    'business check': `/checks/${ruleId}`,
    'guided recovery': `/recoveries/${recoveryId}`,
    connections: '/connections',
    inbound: '/inbound',
    account: '/account',
    'two-factor authentication': '/account/two-factor',
    // The API reference is not here: e2e/specs/a11y/api-reference-opened.spec.ts checks it with its
    // operations opened, as the admin and as the viewer, in both schemes and at the three widths.
    // That page holds everything this sweep would read on it closed (22 thousand elements, half a
    // minute of axe per role), and more.
  };
  if (role === 'admin') {
    const ids = await adminDetailIds(page, baseURL);
    Object.assign(paths, {
      replays: '/replays?preview=1&statuses=failed&statuses=needs_review',
      settings: '/settings',
      'audit log': '/audit',
      flows: '/flows',
      flow: `/flows/${ids.flowId}`,
      'flow settings': `/flows/${ids.flowId}/settings`,
      'new flow': '/flows/new',
      'new connection': '/connections/new',
      connection: `/connections/${ids.connectionId}`,
      users: '/settings/users',
      tokens: '/settings/tokens',
      'alerts and SLAs': '/settings/alerts',
      'single sign-on': '/settings/sso',
      privacy: '/settings/privacy',
      reconciliation: '/reconciliation',
      'reconciliation daily': '/reconciliation/daily',
      'reconciliation run': `/reconciliation/runs/${ids.runId}`,
    });
  }
  return paths;
}
