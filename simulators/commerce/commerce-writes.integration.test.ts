import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminClient, sleep, startReceiver, waitFor } from '../shared-testing';
import type { Receiver } from '../shared-testing';
import { startCommerceSimulator } from './server';
import type { RunningSim } from './server';

const SECRET = 'commerce-writes-secret';
let sim: RunningSim;
let receiver: Receiver;
const admin = adminClient(() => sim.url);
const API = '/admin/api/2025-01';

interface Order {
  id: number;
  order_number: number;
  total_price: string;
  financial_status: string;
}
interface Effect {
  kind: string;
  change?: string;
  reference?: string;
  count?: number;
  skus_hash?: string;
}

function post(path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.url}${API}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}
const effects = async () => (await admin<Effect[]>('side-effects')).json;
const firstOrder = async () => {
  const { orders } = (await admin<{ orders: Order[] }>('orders', { count: 1, paid: true })).json;
  if (!orders[0]) throw new Error('no order');
  return orders[0];
};
const levels = (n: number, available = 5) =>
  Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, available }));

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startCommerceSimulator({
    port: 0,
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    redelivery: { maxAttempts: 3, baseDelayMs: 20, timeoutMs: 300 },
    seed: 4,
  });
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});
beforeEach(async () => {
  await admin('reset', {});
  receiver.clear();
});

describe('commerce simulator writes', () => {
  it('keys fulfillments by reference: updates in place, identical repeats are no-ops', async () => {
    const order = await firstOrder();
    const path = `/orders/${order.id}/fulfillments.json`;
    const open = { fulfillment: { reference: 'FUL-000001', status: 'open' } };
    expect((await post(path, open)).status).toBe(201);
    expect((await post(path, open)).status).toBe(200);
    const shipped = {
      fulfillment: {
        reference: 'FUL-000001',
        status: 'success',
        tracking_number: 'TRK1',
        tracking_company: 'DHL',
      },
    };
    const updated = await post(path, shipped);
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({
      fulfillment: { reference: 'FUL-000001', tracking_number: 'TRK1', status: 'success' },
    });
    expect((await post(path, shipped)).status).toBe(200);
    expect((await post(path, { fulfillment: { reference: 'FUL-000002' } })).status).toBe(201);
    const listed = (await (await fetch(`${sim.url}${API}${path}`)).json()) as {
      fulfillments: { reference: string; tracking_number: string | null }[];
    };
    expect(listed.fulfillments.map((f) => [f.reference, f.tracking_number])).toEqual([
      ['FUL-000001', 'TRK1'],
      ['FUL-000002', null],
    ]);
    expect((await effects()).map((e) => [e.change, e.reference])).toEqual([
      ['created', 'FUL-000001'],
      ['updated', 'FUL-000001'],
      ['created', 'FUL-000002'],
    ]);
  });

  it('writes a fulfillment once when the answer is lost; the retry changes nothing', async () => {
    const order = await firstOrder();
    const body = { fulfillment: { reference: 'FUL-9', tracking_number: 'TRK9' } };
    await admin('chaos', { timeoutAfterSuccessRate: 1 });
    const path = `/orders/${order.id}/fulfillments.json`;
    await expect(post(path, body, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await admin('chaos', { timeoutAfterSuccessRate: 0 });
    expect((await post(path, body)).status).toBe(200);
    expect(await effects()).toHaveLength(1);
  });

  it('bulk-sets inventory under its own default rate limit', async () => {
    const res = await post('/inventory_levels/bulk_set.json', { inventory_levels: levels(3) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ updated: 3 });
    expect((await admin('inventory')).json).toEqual({ 'SKU-0': 5, 'SKU-1': 5, 'SKU-2': 5 });
    const tooMany = await post('/inventory_levels/bulk_set.json', {
      inventory_levels: levels(251),
    });
    expect(tooMany.status).toBe(422);
    for (let i = 0; i < 2; i++) {
      expect(
        (await post('/inventory_levels/bulk_set.json', { inventory_levels: levels(3) })).status,
      ).toBe(200);
    }
    const limited = await post('/inventory_levels/bulk_set.json', { inventory_levels: levels(3) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Only bulk writes are throttled by default; reads go on.
    expect((await fetch(`${sim.url}${API}/orders.json`)).status).toBe(200);
    const bulk = await effects();
    expect(bulk.map((e) => [e.kind, e.count])).toEqual([
      ['inventory.bulk_set', 3],
      ['inventory.bulk_set', 3],
      ['inventory.bulk_set', 3],
    ]);
    expect(new Set(bulk.map((e) => e.skus_hash)).size).toBe(1);
  });

  it('emits refunds/create for an admin refund, with the order number, in parts', async () => {
    const order = await firstOrder();
    const partial = await admin<{ refund: { amount: string } }>(`orders/${order.id}/refund`, {
      amount: '1.00',
    });
    expect(partial.status).toBe(201);
    const rest = await admin<{ refund: { amount: string } }>(`orders/${order.id}/refund`, {});
    const total = Math.round(Number(order.total_price) * 100);
    expect(Math.round(Number(rest.json.refund.amount) * 100)).toBe(total - 100);
    expect((await admin(`orders/${order.id}/refund`, {})).status).toBe(409);
    await waitFor(async () => (await admin<{ idle: boolean }>('idle')).json.idle);
    const refunds = receiver.received.filter(
      (m) => m.headers['x-shopify-topic'] === 'refunds/create',
    );
    expect(refunds).toHaveLength(2);
    for (const msg of refunds) {
      const hmac = createHmac('sha256', SECRET).update(msg.raw).digest('base64');
      expect(msg.headers['x-shopify-hmac-sha256']).toBe(hmac);
    }
    expect(JSON.parse(refunds[0]?.raw.toString('utf8') ?? '{}')).toMatchObject({
      order_id: order.id,
      order_number: order.order_number,
      amount: '1.00',
      currency: 'EUR',
    });
    const fetched = (await (await fetch(`${sim.url}${API}/orders/${order.id}.json`)).json()) as {
      order: Order;
    };
    expect(fetched.order.financial_status).toBe('refunded');
  });

  it('takes the common chaos fields: outage then recovery, and a timed webhook outage', async () => {
    await admin('chaos', { outage: { forMs: 150 } });
    expect((await fetch(`${sim.url}${API}/orders.json`)).status).toBe(503);
    await sleep(200);
    expect((await fetch(`${sim.url}${API}/orders.json`)).status).toBe(200);
    await admin('chaos', { webhookOutageForMs: 60_000 });
    await firstOrder();
    await waitFor(async () => (await admin<{ idle: boolean }>('idle')).json.idle);
    expect(receiver.received).toHaveLength(0);
    expect((await admin<{ missed: boolean }[]>('events')).json).toEqual([
      expect.objectContaining({ missed: true, topic: 'orders/paid' }),
    ]);
  });
});
