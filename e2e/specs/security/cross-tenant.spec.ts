import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { encodeCursor } from '../../../lib/ledger/keyset-cursor';
import { expect, test } from '../../support';

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
  order: string;
  email: string;
  ref: string;
  createdAt: Date;
}

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A tenant with one failed transaction (order, email, warehouse ref) and a running replay batch. */
async function createOtherTenant(): Promise<Other> {
  const tag = randomBytes(4).toString('hex');
  const o = {
    tenantId: randomUUID(),
    connectionId: randomUUID(),
    flowId: randomUUID(),
    transactionId: randomUUID(),
    batchId: randomUUID(),
    order: `77${parseInt(tag, 16) % 1_000_000}`,
    email: `buyer-${tag}@other.test`,
    ref: `OTH-FUL-${tag}`,
  };
  const createdAt = await withDb(async (c) => {
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
    await c.query('COMMIT');
    return rows[0]?.created_at ?? new Date();
  });
  return { ...o, createdAt };
}

async function snapshot(tenantId: string): Promise<string> {
  return withDb(async (c) => {
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
         'b', (SELECT json_agg(status = 'cancelled') FROM replay_batches WHERE tenant_id = $1))::text AS s`,
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
