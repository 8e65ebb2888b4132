import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWarehouseSimulator } from './server';
import type { RunningSim } from './server';

const TOKEN = 'test-token';
let sim: RunningSim;

interface Fulfilment {
  id: string;
  reference: string;
  status: string;
  tracking_number: string | null;
  carrier: string | null;
  updated_at: string;
}

const body = (reference: string, sku = 'TENT-2P-GRN') => ({
  reference,
  order_number: reference.replace('order-', ''),
  lines: [{ sku, quantity: 2 }],
  ship_to: {
    name: 'Anna Jansen',
    address1: 'Keizersgracht 1',
    city: 'Amsterdam',
    postal_code: '1017 AB',
    country: 'NL',
  },
});

function create(payload: unknown, key: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.url}/v1/fulfilments`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      'Idempotency-Key': key,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(payload),
    ...init,
  });
}

const get = (path: string): Promise<Response> =>
  fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });

async function admin<T>(path: string, payload?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${sim.url}/_admin/${path}`, {
    method: payload === undefined ? 'GET' : 'POST',
    ...(payload !== undefined && { body: JSON.stringify(payload) }),
  });
  return { status: res.status, json: (await res.json()) as T };
}

beforeAll(async () => {
  sim = await startWarehouseSimulator({ port: 0, apiToken: TOKEN, workflowStepMs: 0, seed: 7 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await admin('reset', {});
});

describe('warehouse simulator', () => {
  it('replays the stored response for a repeated Idempotency-Key without a second side effect', async () => {
    const first = await create(body('order-1001'), 'key-1');
    expect(first.status).toBe(201);
    const created = (await first.json()) as Fulfilment;
    expect(created).toMatchObject({
      id: 'FUL-000001',
      reference: 'order-1001',
      status: 'CREATED',
      tracking_number: null,
    });

    const replay = await create(body('order-1001'), 'key-1');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(created);

    const effects = await admin<{ fulfilmentId: string; idempotencyKey: string }[]>('side-effects');
    expect(effects.json).toHaveLength(1);
    expect(effects.json[0]).toMatchObject({ fulfilmentId: 'FUL-000001', idempotencyKey: 'key-1' });
  });

  it('rejects key reuse with a different body and a second key for the same reference', async () => {
    expect((await create(body('order-1002'), 'key-2')).status).toBe(201);
    const reused = await create(body('order-1003'), 'key-2');
    expect(reused.status).toBe(409);
    expect(await reused.json()).toEqual({ error: 'idempotency_key_reused' });

    const dup = await create(body('order-1002'), 'key-3');
    expect(dup.status).toBe(409);
    expect(await dup.json()).toEqual({ error: 'duplicate_reference', existing_id: 'FUL-000001' });
    expect((await admin<unknown[]>('side-effects')).json).toHaveLength(1);
  });

  it('answers 422 with field paths, 400 for bad requests and 413 for huge bodies', async () => {
    const bad = {
      ...body('order-1'),
      lines: [
        { sku: '', quantity: 1 },
        { sku: 'OK-SKU', quantity: 0 },
      ],
    };
    const res = await create(
      { ...bad, ship_to: { ...bad.ship_to, country: 'Netherlands' } },
      'key-4',
    );
    expect(res.status).toBe(422);
    const json = (await res.json()) as { error: string; errors: { path: string }[] };
    expect(json.error).toBe('validation_failed');
    expect(json.errors.map((e) => e.path)).toEqual([
      'lines[0].sku',
      'lines[1].quantity',
      'ship_to.country',
    ]);

    const noKey = await fetch(`${sim.url}/v1/fulfilments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body('order-2')),
    });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toEqual({ error: 'idempotency_key_required' });

    const malformed = await create(undefined, 'key-5', { body: '{"reference":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'invalid_json' });

    const huge = await create(undefined, 'key-6', { body: 'x'.repeat(1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
    expect((await admin<unknown[]>('side-effects')).json).toHaveLength(0);
  });

  it('requires the bearer token and reports expired tokens', async () => {
    const none = await fetch(`${sim.url}/v1/fulfilments?reference=x`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: 'invalid_token' });
    const wrong = await fetch(`${sim.url}/v1/fulfilments?reference=x`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);

    await admin('chaos', { authExpired: true });
    const expired = await get('/v1/fulfilments?reference=x');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: 'token_expired' });

    await admin('chaos', { authExpired: false, maintenance: true });
    const down = await get('/v1/fulfilments?reference=x');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');

    const counts = await admin<{ route: string; status: number; count: number }[]>('requests');
    expect(counts.json).toContainEqual({ route: 'GET /v1/fulfilments', status: 401, count: 3 });
  });

  it('advances the workflow through admin, assigns tracking at SENT and refuses to pass COMPLETE', async () => {
    const { id } = (await (await create(body('order-1010'), 'key-10')).json()) as Fulfilment;
    const seen: string[] = [];
    let last: Fulfilment | undefined;
    for (let i = 0; i < 5; i++) {
      const step = await admin<Fulfilment>(`fulfilments/${id}/advance`, {});
      expect(step.status).toBe(200);
      seen.push(step.json.status);
      last = step.json;
      if (step.json.status === 'SENT') expect(step.json.tracking_number).toMatch(/^TRK\d{10}$/);
    }
    expect(seen).toEqual(['QUEUED', 'PROCESSING', 'SENT', 'ACKNOWLEDGED', 'COMPLETE']);
    expect(last?.carrier).toBeTruthy();
    expect((await admin(`fulfilments/${id}/advance`, {})).status).toBe(409);
    const fetched = (await (await get(`/v1/fulfilments/${id}`)).json()) as Fulfilment;
    expect(fetched.status).toBe('COMPLETE');
    expect(fetched.tracking_number).toBe(last?.tracking_number);

    const other = (await (await create(body('order-1011'), 'key-11')).json()) as Fulfilment;
    const failed = await admin<Fulfilment>(`fulfilments/${other.id}/fail`, {
      reason: 'out of stock',
    });
    expect(failed.json.status).toBe('ERROR');
  });

  it('applies the create when it times out after success, and a retry replays it', async () => {
    await admin('chaos', { timeoutAfterSuccessRate: 1 });
    await expect(
      create(body('order-1020'), 'key-20', { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    const effects = await admin<{ reference: string; fulfilmentId: string }[]>('side-effects');
    expect(effects.json).toEqual([
      expect.objectContaining({ reference: 'order-1020', fulfilmentId: 'FUL-000001' }),
    ]);

    await admin('chaos', { timeoutAfterSuccessRate: 0 });
    const retry = await create(body('order-1020'), 'key-20');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as Fulfilment).id).toBe('FUL-000001');
    expect((await admin<unknown[]>('side-effects')).json).toHaveLength(1);
    const byRef = (await (await get('/v1/fulfilments?reference=order-1020')).json()) as {
      data: Fulfilment[];
    };
    expect(byRef.data.map((f) => f.id)).toEqual(['FUL-000001']);
  });

  it('pages a time window with a cursor', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 5; i++)
      expect((await create(body(`order-2${i}`), `key-w${i}`)).status).toBe(201);
    const ids: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const res = await get(
        `/v1/fulfilments?updated_since=${since}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = (await res.json()) as { data: Fulfilment[]; next_cursor: string | null };
      ids.push(...page.data.map((f) => f.id));
      cursor = page.next_cursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(ids).toEqual(['FUL-000001', 'FUL-000002', 'FUL-000003', 'FUL-000004', 'FUL-000005']);
    const future = new Date(Date.now() + 60_000).toISOString();
    const empty = (await (await get(`/v1/fulfilments?updated_since=${future}`)).json()) as {
      data: unknown[];
    };
    expect(empty.data).toEqual([]);
  });

  it('signs shipment webhooks per Standard Webhooks', async () => {
    const key = Buffer.from('warehouse-test-secret');
    const received: { headers: Record<string, string | string[] | undefined>; raw: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      expect(
        (await admin('webhook', { url, secret: `whsec_${key.toString('base64')}` })).status,
      ).toBe(200);
      const { id } = (await (await create(body('order-1030'), 'key-30')).json()) as Fulfilment;
      await admin(`fulfilments/${id}/advance`, {});
      await waitFor(
        async () => (await admin<{ idle: boolean }>('idle')).json.idle && received.length === 1,
      );
      const msg = received[0];
      if (!msg) throw new Error('no webhook received');
      const msgId = String(msg.headers['webhook-id']);
      const ts = String(msg.headers['webhook-timestamp']);
      const expected = createHmac('sha256', key)
        .update(`${msgId}.${ts}.${msg.raw}`)
        .digest('base64');
      expect(msg.headers['webhook-signature']).toBe(`v1,${expected}`);
      expect(JSON.parse(msg.raw)).toMatchObject({
        type: 'fulfilment.status_changed',
        data: { fulfilment: { id, status: 'QUEUED' } },
      });
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('advances on its own timer when workflowStepMs > 0', async () => {
    const timed = await startWarehouseSimulator({ port: 0, apiToken: TOKEN, workflowStepMs: 20 });
    try {
      const res = await fetch(`${timed.url}/v1/fulfilments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Idempotency-Key': 'k' },
        body: JSON.stringify(body('order-1040')),
      });
      const { id } = (await res.json()) as Fulfilment;
      let status = '';
      await waitFor(async () => {
        const f = await fetch(`${timed.url}/v1/fulfilments/${id}`, {
          headers: { Authorization: `Bearer ${TOKEN}` },
        });
        status = ((await f.json()) as Fulfilment).status;
        return status === 'COMPLETE';
      });
      expect(status).toBe('COMPLETE');
    } finally {
      await timed.close();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met in time');
}
