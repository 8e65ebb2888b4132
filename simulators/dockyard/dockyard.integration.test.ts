import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminClient, sleep, startReceiver, waitFor } from '../shared-testing';
import type { Receiver } from '../shared-testing';
import { startDockyardSimulator } from './server';
import type { RunningSim } from './server';

const CLIENT = { id: 'dock-test-client', secret: 'dock-test-secret' };
let sim: RunningSim;
let bearer = '';
const admin = adminClient(() => sim.url);

interface Order {
  id: string | null;
  reference: string;
  state: string;
  recipient: { name: string; email: string | null };
  lines: { sku: string; quantity: number }[];
  total: { amount: string; currency: string } | null;
  created_at: string;
  updated_at: string;
}
interface Page {
  data: Order[];
  next_cursor: string | null;
}

const order = (reference: string, extra: Record<string, unknown> = {}) => ({
  reference,
  recipient: { name: 'Anna Jansen', email: 'anna@example.com' },
  lines: [{ sku: 'TENT-2P-GRN', quantity: 2 }],
  total: { amount: '498.00', currency: 'eur' },
  ...extra,
});

function tokenRequest(body: string, headers: Record<string, string> = {}, base = sim.url) {
  return fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

const FORM = `grant_type=client_credentials&client_id=${CLIENT.id}&client_secret=${CLIENT.secret}`;

async function newToken(base = sim.url): Promise<string> {
  const res = await tokenRequest(FORM, {}, base);
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

function create(body: unknown, headers: Record<string, string> = {}, init: RequestInit = {}) {
  return fetch(`${sim.url}/v2/shipment-orders`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    ...init,
  });
}
const get = (path: string, token = bearer) =>
  fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
const created = async (res: Response): Promise<Order> =>
  ((await res.json()) as { data: Order }).data;
const log = async () => (await admin<{ id: string; reference: string }[]>('log')).json;

beforeAll(async () => {
  sim = await startDockyardSimulator({
    port: 0,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    seed: 11,
    redelivery: { maxAttempts: 3, baseDelayMs: 20, timeoutMs: 1000 },
  });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await admin('reset', {});
  bearer = await newToken();
});

describe('dockyard: OAuth client credentials', () => {
  it('issues a token for body or Basic client auth, and refuses a wrong client or grant', async () => {
    const res = await tokenRequest(`${FORM}&scope=shipments`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const issued = (await res.json()) as Record<string, unknown>;
    expect(issued).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'shipments' });
    expect(issued.access_token).toMatch(/^dya_[0-9a-f]{32}$/);

    const basic = Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64');
    const viaBasic = await tokenRequest('grant_type=client_credentials', {
      Authorization: `Basic ${basic}`,
    });
    expect(viaBasic.status).toBe(200);
    const basicToken = ((await viaBasic.json()) as { access_token: string }).access_token;
    expect((await get('/v2/shipment-orders', basicToken)).status).toBe(200);

    const json = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
      }),
    });
    expect(await json.json()).toMatchObject({ scope: 'shipment_orders', expires_in: 300 });

    const wrong = await tokenRequest(FORM.replace(CLIENT.secret, 'nope'));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_client' });
    const wrongBasic = await tokenRequest('grant_type=client_credentials', {
      Authorization: `Basic ${Buffer.from('someone:else').toString('base64')}`,
    });
    expect(wrongBasic.status).toBe(401);
    expect(wrongBasic.headers.get('www-authenticate')).toContain('Basic');
    const password = await tokenRequest('grant_type=password', { Authorization: `Basic ${basic}` });
    expect(password.status).toBe(400);
    expect(await password.json()).toEqual({ error: 'unsupported_grant_type' });

    // beforeEach's, the form one, Basic and JSON: refused requests issue nothing.
    expect((await admin('tokens')).json).toMatchObject({ issued: 4 });
  });

  it('requires a bearer token on /v2', async () => {
    const none = await fetch(`${sim.url}/v2/shipment-orders?reference=1`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: 'invalid_token' });
    expect(none.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await get('/v2/shipment-orders', 'dya_unknown')).status).toBe(401);
    expect((await create(order('1001'), {}, { headers: {} })).status).toBe(401);
    expect(await log()).toEqual([]);
  });

  it('ends tokens after their ttl and all at once on expire-tokens', async () => {
    expect((await admin('options', { tokenTtlSeconds: 1 })).json).toMatchObject({
      tokenTtlSeconds: 1,
    });
    const short = await newToken();
    expect((await get('/v2/shipment-orders', short)).status).toBe(200);
    await sleep(1100);
    const expired = await get('/v2/shipment-orders', short);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: 'invalid_token' });

    expect((await get('/v2/shipment-orders')).status).toBe(200);
    const live = (await admin<{ active: number }>('tokens')).json.active;
    expect(live).toBeGreaterThanOrEqual(1);
    expect((await admin('expire-tokens', {})).json).toEqual({ expired: live });
    const revoked = await get('/v2/shipment-orders');
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await get('/v2/shipment-orders', await newToken())).status).toBe(200);
    expect((await admin('tokens')).json).toEqual({ issued: 3, active: 1 });
  });
});

describe('dockyard: shipment orders', () => {
  it('creates 201, reads by id (404 otherwise) and looks up by reference', async () => {
    const res = await create(order('1047'), { 'Dock-Request-Id': 'req-1' });
    expect(res.status).toBe(201);
    const first = await created(res);
    expect(first).toMatchObject({
      id: 'DY-000001',
      reference: '1047',
      state: 'booked',
      total: { amount: '498.00', currency: 'EUR' },
    });
    expect(await (await get('/v2/shipment-orders/DY-000001')).json()).toEqual({ data: first });
    const missing = await get('/v2/shipment-orders/DY-999999');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'not_found' });

    await create(order('1048'), { 'Dock-Request-Id': 'req-2' });
    const byRef = (await (await get('/v2/shipment-orders?reference=1047')).json()) as Page;
    expect(byRef).toEqual({ data: [first], next_cursor: null });
    expect(await log()).toEqual([
      expect.objectContaining({ id: 'DY-000001', reference: '1047', requestId: 'req-1' }),
      expect.objectContaining({ id: 'DY-000002', reference: '1048', requestId: 'req-2' }),
    ]);
  });

  it('answers 422 with every field path and stores nothing', async () => {
    const res = await create({
      reference: '',
      recipient: { email: 'not-an-email' },
      lines: [{ sku: 'A', quantity: 0 }, { quantity: 1 }],
      total: { amount: '12,50', currency: 'EURO' },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(body.code).toBe('invalid_request');
    expect(body.errors.map((e) => e.field)).toEqual([
      'reference',
      'recipient.name',
      'recipient.email',
      'lines[0].quantity',
      'lines[1].sku',
      'total.amount',
      'total.currency',
    ]);
    const noLines = await create(order('1', { lines: [] }));
    const lineErrors = ((await noLines.json()) as typeof body).errors;
    expect(lineErrors.map((e) => e.field)).toEqual(['lines']);
    expect(await log()).toEqual([]);
  });

  it('replays a repeated Dock-Request-Id and refuses it with another body', async () => {
    const first = await create(order('1050'), { 'Dock-Request-Id': 'req-50' });
    const original = (await first.json()) as unknown;
    // Same values in another key order: the same body.
    const { lines, recipient, ...rest } = order('1050');
    const replay = await create({ lines, ...rest, recipient }, { 'Dock-Request-Id': 'req-50' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('dock-replayed')).toBe('true');
    expect(await replay.json()).toEqual(original);

    const conflict = await create(order('1051'), { 'Dock-Request-Id': 'req-50' });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'idempotency_conflict' });
    expect((await log()).map((e) => e.id)).toEqual(['DY-000001']);
  });

  it('creates another record for a repeat when honourIdempotency is off', async () => {
    await admin('options', { honourIdempotency: false });
    const a = await created(await create(order('1060'), { 'Dock-Request-Id': 'req-60' }));
    const again = await create(order('1060'), { 'Dock-Request-Id': 'req-60' });
    expect(again.status).toBe(201);
    expect(again.headers.get('dock-replayed')).toBeNull();
    const b = await created(again);
    expect([a.id, b.id]).toEqual(['DY-000001', 'DY-000002']);
    const byRef = (await (await get('/v2/shipment-orders?reference=1060')).json()) as Page;
    expect(byRef.data.map((o) => o.id)).toEqual(['DY-000001', 'DY-000002']);
    expect((await admin('options', { surprise: 1 })).status).toBe(400);
  });

  it('validates a dry run without storing anything', async () => {
    const dry = await create(order('1070'), { 'Dock-Dry-Run': 'true', 'Dock-Request-Id': 'r-70' });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({
      dry_run: true,
      data: { id: null, reference: '1070', state: 'booked' },
    });
    const dryBad = await create(order('1070', { recipient: {} }), { 'Dock-Dry-Run': 'true' });
    expect(dryBad.status).toBe(422);
    expect((await admin('records')).json).toEqual([]);
    expect(await log()).toEqual([]);
    // The request id was not taken by the dry run either.
    expect((await create(order('1071'), { 'Dock-Request-Id': 'r-70' })).status).toBe(201);
  });

  it('lists a time window in pages with an opaque cursor', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 5; i++) await create(order(`2${i}`));
    const to = new Date(Date.now() + 1000).toISOString();
    const ids: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const q = `updated_from=${from}&updated_to=${to}&limit=2${cursor && `&cursor=${cursor}`}`;
      const page = (await (await get(`/v2/shipment-orders?${q}`)).json()) as Page;
      ids.push(...page.data.map((o) => o.id ?? ''));
      cursor = page.next_cursor ?? '';
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(ids).toEqual(['DY-000001', 'DY-000002', 'DY-000003', 'DY-000004', 'DY-000005']);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await (await get(`/v2/shipment-orders?updated_from=${future}`)).json()).toEqual({
      data: [],
      next_cursor: null,
    });
    expect((await get('/v2/shipment-orders?limit=201')).status).toBe(400);
    expect((await get('/v2/shipment-orders?cursor=garbage')).status).toBe(400);
  });
});

describe('dockyard: chaos', () => {
  it('answers the next N /v2 requests 429 with Retry-After, and not the token endpoint', async () => {
    await admin('chaos', { rateLimitNext: { count: 2, retryAfterSeconds: 3 } });
    for (let i = 0; i < 2; i++) {
      const limited = await create(order('3000'));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
      expect((await admin<{ rateLimitNext: unknown }>('chaos')).json.rateLimitNext).toEqual(
        i === 0 ? { count: 1, retryAfterSeconds: 3 } : null,
      );
    }
    expect((await create(order('3000'))).status).toBe(201);
    await admin('chaos', { rateLimitBurst: { forMs: 10_000, retryAfterSeconds: 2 } });
    expect((await get('/v2/shipment-orders')).headers.get('retry-after')).toBe('2');
    await newToken();
    expect((await log()).length).toBe(1);
    expect((await admin('chaos', { rateLimitNext: { count: 0 } })).status).toBe(400);
  });

  it('commits the record when the answer times out, and a retry replays it', async () => {
    await admin('chaos', { timeoutAfterSuccessRate: 1, hangMs: 2000 });
    const headers = { 'Dock-Request-Id': 'req-timeout' };
    await expect(
      create(order('4000'), headers, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    const byRef = (await (await get('/v2/shipment-orders?reference=4000')).json()) as Page;
    expect(byRef.data.map((o) => o.id)).toEqual(['DY-000001']);

    await admin('chaos', { timeoutAfterSuccessRate: 0 });
    const retry = await create(order('4000'), headers);
    expect(retry.headers.get('dock-replayed')).toBe('true');
    expect((await created(retry)).id).toBe('DY-000001');
    expect(await log()).toHaveLength(1);
    const counts = await admin<{ route: string; status: number }[]>('requests');
    expect(counts.json).toContainEqual(
      expect.objectContaining({ route: 'POST /v2/shipment-orders', status: 0 }),
    );
  });
});

describe('dockyard: webhooks', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => receiver.clear());

  it('signs state changes with hex HMAC-SHA256 of the raw body and retries non-2xx', async () => {
    const secret = 'dock-webhook-secret';
    expect((await admin('webhook', { url: receiver.url, secret })).status).toBe(200);
    receiver.reply = (n) => (n === 1 ? 500 : 204);
    const { id } = await created(await create(order('5000')));
    const moved = await admin<{ data: Order }>(`advance/${id}`, {});
    expect(moved.json.data.state).toBe('picking');
    await waitFor(async () => (await admin<{ idle: boolean }>('idle')).json.idle);

    expect(receiver.received).toHaveLength(2);
    const [failed, delivered] = receiver.received;
    if (!failed || !delivered) throw new Error('no webhook received');
    expect(delivered.raw.equals(failed.raw)).toBe(true);
    const expected = createHmac('sha256', secret).update(delivered.raw).digest('hex');
    expect(delivered.headers['dock-signature']).toBe(expected);
    const event = JSON.parse(delivered.raw.toString('utf8')) as Record<string, unknown>;
    expect(event).toMatchObject({
      type: 'shipment_order.picking',
      data: { id, reference: '5000', state: 'picking' },
    });
    expect(event.event_id).toMatch(/^evt_[0-9a-f]{24}$/);
    expect(delivered.headers['dock-event-id']).toBe(event.event_id);
    const deliveries = await admin<{ attempt: number; status: number }[]>('deliveries');
    expect(deliveries.json.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 204],
    ]);

    expect((await admin(`advance/${id}`, { state: 'refused' })).status).toBe(200);
    const final = await admin<{ code: string }>(`advance/${id}`, { state: 'delivered' });
    expect(final.status).toBe(409);
    expect(final.json.code).toBe('invalid_transition');
    expect((await admin(`advance/${id}`, { state: 'lost' })).status).toBe(400);
    expect((await admin('advance/DY-999999', {})).status).toBe(404);
  });

  it('steps open orders on a timer when workflowStepMs > 0', async () => {
    const timed = await startDockyardSimulator({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      workflowStepMs: 20,
      webhookUrl: receiver.url,
      webhookSecret: 's',
    });
    try {
      const token = await newToken(timed.url);
      await fetch(`${timed.url}/v2/shipment-orders`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(order('6000')),
      });
      await waitFor(() => receiver.received.length === 3);
      const types = receiver.received.map(
        (r) => (JSON.parse(r.raw.toString('utf8')) as { type: string }).type,
      );
      expect(types).toEqual([
        'shipment_order.picking',
        'shipment_order.in_transit',
        'shipment_order.delivered',
      ]);
    } finally {
      await timed.close();
    }
  });
});
