import { randomBytes, randomUUID } from 'node:crypto';
import { encodeCursor } from '../../../lib/ledger/keyset-cursor';
import { expect, test } from '../../support';
import { withSuiteDb } from '../../support/suite-db';

// Cross-tenant probes over HTTP: acme's admin (every permission, so nothing is refused as 403)
// sends another tenant's ids in paths, bodies, filters, cursors and searches. Each answer must be
// the answer for an id that exists nowhere — 404 with the same body, or an empty result — and the
// other tenant must be unchanged afterwards. The other tenant is created here, straight in the
// suite's database (global-setup guards it), so the spec depends on no seed.
// The same probes at the use-case level: test/security/cross-tenant.integration.test.ts.

const NOWHERE = '00000000-0000-7000-8000-0000000000ff';

interface Other {
  tenantId: string;
  connectionId: string;
  flowId: string;
  transactionId: string;
  batchId: string;
  runId: string;
  driftItemId: string;
  slaRuleId: string;
  alertRuleId: string;
  order: string;
  email: string;
  ref: string;
  createdAt: Date;
}

/**
 * A tenant with one failed transaction (order, email, warehouse ref), a running replay batch, a
 * completed reconciliation run with an open drift item, an SLA rule and an alert rule.
 */
async function createOtherTenant(): Promise<Other> {
  const tag = randomBytes(4).toString('hex');
  const o = {
    tenantId: randomUUID(),
    connectionId: randomUUID(),
    flowId: randomUUID(),
    transactionId: randomUUID(),
    batchId: randomUUID(),
    runId: randomUUID(),
    driftItemId: randomUUID(),
    slaRuleId: randomUUID(),
    alertRuleId: randomUUID(),
    order: `77${parseInt(tag, 16) % 1_000_000}`,
    email: `buyer-${tag}@other.test`,
    ref: `OTH-FUL-${tag}`,
  };
  const createdAt = await withSuiteDb(async (c) => {
    await c.query('BEGIN');
    await c.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $3)`, [
      o.tenantId,
      `probe-${tag}`,
      `Probe ${tag}`,
    ]);
    await c.query(
      `INSERT INTO connections (id, tenant_id, key, name, provider, base_url, updated_at)
       VALUES ($1, $2, 'shop', 'Their shop', 'commerce', 'http://127.0.0.1:9', now())`,
      [o.connectionId, o.tenantId],
    );
    await c.query(
      `INSERT INTO flows (id, tenant_id, key, name, source_connection_id, event_type,
                          target_connection_id, operation, updated_at)
       VALUES ($1, $2, 'their-flow', 'Their flow', $3, 'order.paid', $3, 'create_fulfilment', now())`,
      [o.flowId, o.tenantId, o.connectionId],
    );
    const event = randomUUID();
    await c.query(
      `INSERT INTO inbound_events (id, tenant_id, connection_id, status, signature_verdict, body,
                                   size_bytes)
       VALUES ($1, $2, $3, 'accepted', 'valid', '{}', 2)`,
      [event, o.tenantId, o.connectionId],
    );
    const { rows } = await c.query<{ created_at: Date }>(
      `INSERT INTO transactions (id, tenant_id, flow_id, inbound_event_id, business_key,
                                 source_object_id, idempotency_key, status, error_class,
                                 customer_email, external_refs)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'failed', 'timeout', $8, $9)
       RETURNING created_at`,
      [
        o.transactionId,
        o.tenantId,
        o.flowId,
        event,
        o.order,
        `src-${tag}`,
        `k-${tag}`,
        o.email,
        JSON.stringify({ warehouse: o.ref }),
      ],
    );
    await c.query(
      `INSERT INTO replay_batches (id, tenant_id, requested_by_id, requested_by, reason, filter,
                                   total)
       VALUES ($1, $2, 'someone', 'Someone else', 'their replay',
               '{"flowId": "00000000-0000-7000-8000-0000000000ff"}', 1)`,
      [o.batchId, o.tenantId],
    );
    await c.query(
      `INSERT INTO reconciliation_runs (id, tenant_id, flow_id, window_from, window_to, trigger,
                                        requested_by, status)
       VALUES ($1, $2, $3, now() - interval '1 day', now(), 'api', 'Someone else', 'completed')`,
      [o.runId, o.tenantId, o.flowId],
    );
    await c.query(
      `INSERT INTO drift_items (id, tenant_id, run_id, flow_id, kind, business_key, transaction_id)
       VALUES ($1, $2, $3, $4, 'missing_in_target', $5, $6)`,
      [o.driftItemId, o.tenantId, o.runId, o.flowId, o.order, o.transactionId],
    );
    await c.query(
      `INSERT INTO sla_rules (id, tenant_id, name, expect_flow_id, within_minutes)
       VALUES ($1, $2, 'their SLA', $3, 30)`,
      [o.slaRuleId, o.tenantId, o.flowId],
    );
    await c.query(
      `INSERT INTO alert_rules (id, tenant_id, name, kind, params, webhook_url)
       VALUES ($1, $2, 'their alert', 'circuit_open', '{}', 'https://alerts.other.test/hook')`,
      [o.alertRuleId, o.tenantId],
    );
    await c.query('COMMIT');
    return rows[0]?.created_at ?? new Date();
  });
  return { ...o, createdAt };
}

async function snapshot(tenantId: string): Promise<string> {
  return withSuiteDb(async (c) => {
    const { rows } = await c.query<{ s: string }>(
      `SELECT json_build_object(
         't', (SELECT json_agg(json_build_object('id', id, 's', status, 'u', updated_at))
               FROM transactions WHERE tenant_id = $1),
         'tl', (SELECT count(*) FROM timeline_entries WHERE tenant_id = $1),
         'a', (SELECT count(*) FROM audit_entries WHERE tenant_id = $1),
         'c', (SELECT json_agg(status) FROM connections WHERE tenant_id = $1),
         'f', (SELECT json_agg(status) FROM flows WHERE tenant_id = $1),
         -- the worker finishes their (running, matching nothing) batch on its own: only a
         -- cancellation would be our doing
         'b', (SELECT json_agg(status = 'cancelled') FROM replay_batches WHERE tenant_id = $1),
         'r', (SELECT json_agg(json_build_object('s', status, 'n', listed)) FROM reconciliation_runs
               WHERE tenant_id = $1),
         'd', (SELECT json_agg(json_build_object('s', state, 'n', note)) FROM drift_items
               WHERE tenant_id = $1),
         'sla', (SELECT json_agg(json_build_object('n', name, 'w', within_minutes, 'e', enabled))
                 FROM sla_rules WHERE tenant_id = $1),
         'al', (SELECT json_agg(json_build_object('n', name, 'e', enabled, 's', secret_encrypted))
                FROM alert_rules WHERE tenant_id = $1),
         'fs', (SELECT json_agg(json_build_object('s', reconcile_scheduled, 'c', reconcile_cron))
                FROM flows WHERE tenant_id = $1))::text AS s`,
      [tenantId],
    );
    return rows[0]?.s ?? '';
  });
}

test('another tenant’s ids in paths, bodies, filters, cursors and searches answer 404 or nothing', async ({
  page,
  login,
}) => {
  const other = await createOtherTenant();
  const before = await snapshot(other.tenantId);
  await login.signInAs('admin');
  const http = page.request;
  const headers = { origin: process.env.E2E_BASE_URL ?? '' };
  const body = { reason: 'cross-tenant probe', note: 'cross-tenant probe' };

  /** The probe's answer equals the one for an id nobody has: 404, same body with ids masked. */
  async function expectLikeNowhere(
    label: string,
    call: (id: string) => Promise<{ status(): number; text(): Promise<string> }>,
    theirId: string,
  ) {
    const theirs = await call(theirId);
    const nobody = await call(NOWHERE);
    expect(theirs.status(), label).toBe(404);
    expect(nobody.status(), `${label} (nowhere)`).toBe(404);
    // The CSP nonce differs on every page request by design; everything else must be equal.
    const mask = (text: string, id: string) => {
      const nonce = /nonce="([^"]+)"/.exec(text)?.[1];
      const masked = text.replaceAll(id, '<id>');
      return nonce ? masked.replaceAll(nonce, '<nonce>') : masked;
    };
    expect(mask(await theirs.text(), theirId), label).toBe(mask(await nobody.text(), NOWHERE));
  }

  const get = (path: string) => (id: string) => http.get(path.replace(':id', id));
  const post = (path: string) => (id: string) =>
    http.post(path.replace(':id', id), { headers, data: body });

  // ids in paths (reads and every mutation)
  await expectLikeNowhere('transaction', get('/api/v1/transactions/:id'), other.transactionId);
  await expectLikeNowhere(
    'timeline',
    get('/api/v1/transactions/:id/timeline'),
    other.transactionId,
  );
  for (const move of ['replay', 'resolve', 'cancel', 'notes'])
    await expectLikeNowhere(move, post(`/api/v1/transactions/:id/${move}`), other.transactionId);
  await expectLikeNowhere('cancel batch', post('/api/v1/replay-batches/:id/cancel'), other.batchId);
  for (const intent of ['pause', 'resume']) {
    await expectLikeNowhere(
      `connection ${intent}`,
      post(`/api/v1/connections/:id/${intent}`),
      other.connectionId,
    );
    await expectLikeNowhere(`flow ${intent}`, post(`/api/v1/flows/:id/${intent}`), other.flowId);
  }
  await expectLikeNowhere('order journey', get('/api/v1/orders/:id'), other.order);
  // reconciliation: their run, its export, their flow's schedule, a run of their flow
  await expectLikeNowhere('run', get('/api/v1/reconciliation/runs/:id'), other.runId);
  await expectLikeNowhere('run export', get('/api/v1/reconciliation/runs/:id/export'), other.runId);
  await expectLikeNowhere(
    'schedule',
    (id) =>
      http.put(`/api/v1/flows/${id}/reconciliation-schedule`, {
        headers,
        data: { scheduled: false, cron: null },
      }),
    other.flowId,
  );
  await expectLikeNowhere(
    'start run',
    (id) =>
      http.post('/api/v1/reconciliation/runs', {
        headers,
        data: { flowId: id, windowFrom: '2026-11-01T00:00:00Z', windowTo: '2026-11-02T00:00:00Z' },
      }),
    other.flowId,
  );
  // SLA and alert rules: changes, deletes and rotations of theirs
  const patch = (path: string, data: object) => (id: string) =>
    http.patch(path.replace(':id', id), { headers, data });
  const remove = (path: string) => (id: string) =>
    http.delete(path.replace(':id', id), { headers });
  await expectLikeNowhere(
    'sla edit',
    patch('/api/v1/sla-rules/:id', { withinMinutes: 5 }),
    other.slaRuleId,
  );
  await expectLikeNowhere('sla delete', remove('/api/v1/sla-rules/:id'), other.slaRuleId);
  await expectLikeNowhere(
    'alert edit',
    patch('/api/v1/alert-rules/:id', { enabled: false }),
    other.alertRuleId,
  );
  await expectLikeNowhere('alert delete', remove('/api/v1/alert-rules/:id'), other.alertRuleId);
  await expectLikeNowhere(
    'alert rotate',
    post('/api/v1/alert-rules/:id/rotate-secret'),
    other.alertRuleId,
  );
  // a decision on their drift item decides nothing, exactly as for an item nobody has
  for (const decision of [
    { action: 'accept', note: 'cross-tenant probe' },
    { action: 'replay', reason: 'cross-tenant probe' },
  ]) {
    const decide = (id: string) =>
      http.post('/api/v1/reconciliation/drift-decisions', {
        headers,
        data: { ...decision, selection: { itemId: id } },
      });
    const theirs = await decide(other.driftItemId);
    const nobody = await decide(NOWHERE);
    expect(theirs.status(), decision.action).toBe(nobody.status());
    expect(await theirs.json(), decision.action).toEqual(await nobody.json());
  }
  for (const path of [
    `/api/v1/reconciliation/runs?flowId=${other.flowId}`,
    `/api/v1/reconciliation/daily?flowId=${other.flowId}`,
  ]) {
    const response = await http.get(path);
    expect(response.status(), path).toBe(200);
    const answer = JSON.stringify(await response.json());
    for (const secret of [other.runId, other.flowId, other.order])
      expect(answer, path).not.toContain(secret);
  }
  // console pages render their not-found page, with a real 404
  // A streamed page's HTML orders its chunks by timing, so pages are compared as people see them.
  const seen = async (id: string) => {
    const response = await page.goto(`/transactions/${id}`);
    const text = await page.locator('main').innerText();
    return { status: () => response?.status() ?? 0, text: () => Promise.resolve(text) };
  };
  await expectLikeNowhere('transaction page', seen, other.transactionId);
  expect((await http.get(`/orders/${other.order}`)).status()).toBe(404);

  // ids in filters, cursors and searches: empty, the shape of "no such id", no counts
  const empty = { rows: [], nextCursor: null };
  for (const query of [`flowId=${other.flowId}`, `connectionId=${other.connectionId}`]) {
    const response = await http.get(`/api/v1/transactions?${query}`);
    expect(response.status(), query).toBe(200);
    expect(await response.json(), query).toEqual(empty);
  }
  for (const q of [other.order, other.email, other.ref, other.transactionId]) {
    const listed = await http.get(`/api/v1/transactions?q=${encodeURIComponent(q)}`);
    expect(await listed.json(), `list q=${q}`).toEqual(empty);
    const found = await http.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(found.status(), `search ${q}`).toBe(200);
    expect(((await found.json()) as { hits: unknown[] }).hits, `search ${q}`).toEqual([]);
  }
  // a keyset cursor pointing into their rows pages through ours only
  const cursor = encodeCursor({ createdAt: other.createdAt, id: other.transactionId });
  const paged = await http.get(`/api/v1/transactions?cursor=${cursor}&limit=200`);
  expect(paged.status()).toBe(200);
  const text = await paged.text();
  for (const secret of [other.transactionId, other.order, other.email, other.ref])
    expect(text, 'a cursor into their list shows nothing of theirs').not.toContain(secret);

  expect(await snapshot(other.tenantId), 'nothing of the other tenant changed').toBe(before);
});
