import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCommerceSimulator } from './server';
import type { RunningSim } from './server';

const SECRET = 'test-commerce-secret';

interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  hmacValid: boolean;
}
interface Order {
  id: number;
  order_number: number;
  name: string;
  total_price: string;
  line_items: { sku: string; quantity: number; price: string }[];
}
interface Delivery {
  eventId: string;
  attempt: number;
  status: number;
  redelivery: boolean;
}

// The receiver plays Waybill: it verifies the HMAC over the raw bytes, exactly as the ingest route must.
let received: Received[] = [];
let reply: (n: number) => number | 'hang' = () => 200;
let receiver: Server;
let sim: RunningSim;

async function admin<T>(path: string, payload?: unknown): Promise<T> {
  const res = await fetch(`${sim.url}/_admin/${path}`, {
    method: payload === undefined ? 'GET' : 'POST',
    ...(payload !== undefined && { body: JSON.stringify(payload) }),
  });
  return (await res.json()) as T;
}

async function settle(): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if ((await admin<{ idle: boolean }>('idle')).idle) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('webhook queue never drained');
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = createHmac('sha256', SECRET).update(raw).digest();
      const given = Buffer.from(String(req.headers['x-shopify-hmac-sha256']), 'base64');
      const hmacValid = given.length === expected.length && timingSafeEqual(given, expected);
      received.push({ headers: req.headers, raw, hmacValid });
      const status = reply(received.length);
      if (status !== 'hang') res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  sim = await startCommerceSimulator({
    port: 0,
    webhookUrl: `http://127.0.0.1:${port}/api/ingest/acme/commerce`,
    webhookSecret: SECRET,
    redelivery: { maxAttempts: 3, baseDelayMs: 20, timeoutMs: 300 },
    seed: 42,
  });
});
afterAll(async () => {
  await sim.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  await admin('reset', {});
  received = [];
  reply = () => 200;
});

describe('commerce simulator', () => {
  it('delivers orders/paid signed with base64 HMAC-SHA256 over the raw body', async () => {
    const { orders } = await admin<{ orders: Order[] }>('orders', { count: 2 });
    expect(orders.map((o) => [o.order_number, o.name])).toEqual([
      [1001, '#1001'],
      [1002, '#1002'],
    ]);
    await settle();
    expect(received).toHaveLength(2);
    for (const msg of received) {
      expect(msg.hmacValid).toBe(true);
      expect(msg.headers['x-shopify-topic']).toBe('orders/paid');
      expect(msg.headers['x-shopify-api-version']).toBe('2025-01');
      expect(msg.headers['x-shopify-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const bodies = received.map((m) => JSON.parse(m.raw.toString('utf8')) as Order);
    expect(bodies.map((b) => b.order_number).sort()).toEqual([1001, 1002]);
    const cents = (o: Order) =>
      o.line_items.reduce((s, l) => s + Math.round(Number(l.price) * 100) * l.quantity, 0);
    for (const b of bodies) expect(Math.round(Number(b.total_price) * 100)).toBe(cents(b));
  });

  it('generates the same orders from the same seed', async () => {
    const first = (await admin<{ orders: Order[] }>('orders', { count: 3, paid: false })).orders;
    await admin('reset', {});
    const second = (await admin<{ orders: Order[] }>('orders', { count: 3, paid: false })).orders;
    const strip = (o: Order) => ({ ...o, created_at: 0, updated_at: 0 });
    expect(second.map(strip)).toEqual(first.map(strip));
  });

  it('redelivers after a 500 and after a timeout with the same webhook id and bytes', async () => {
    reply = (n) => (n === 1 ? 500 : n === 2 ? 'hang' : 200);
    await admin('orders', { count: 1 });
    await settle();
    expect(received).toHaveLength(3);
    const ids = new Set(received.map((m) => m.headers['x-shopify-webhook-id']));
    expect(ids.size).toBe(1);
    expect(received[1]?.raw.equals(received[0]?.raw ?? Buffer.alloc(0))).toBe(true);
    const log = await admin<Delivery[]>('deliveries');
    expect(log.map((d) => [d.attempt, d.status, d.redelivery])).toEqual([
      [1, 500, false],
      [2, 0, true],
      [3, 200, true],
    ]);
    const events = await admin<{ delivered: boolean }[]>('events');
    expect(events).toEqual([expect.objectContaining({ delivered: true, missed: false })]);
  });

  it('resends identical bytes on /_admin/redeliver', async () => {
    await admin('orders', { count: 2 });
    await settle();
    const events = await admin<{ eventId: string; orderNumber: number }[]>('events');
    const target = events.find((e) => e.orderNumber === 1002);
    if (!target) throw new Error('event for #1002 missing');
    const original = received.find((m) => m.headers['x-shopify-webhook-id'] === target.eventId);
    expect(await admin('redeliver', { eventIds: [target.eventId] })).toEqual({ redelivered: 1 });
    await settle();
    expect(received).toHaveLength(3);
    const again = received[2];
    expect(again?.headers['x-shopify-webhook-id']).toBe(target.eventId);
    expect(again?.raw.equals(original?.raw ?? Buffer.alloc(0))).toBe(true);
    expect(again?.hmacValid).toBe(true);
    expect(await admin('redeliver', { orderNumbers: [1001, 1002] })).toEqual({ redelivered: 2 });
    await settle();
    expect(received).toHaveLength(5);
  });

  it('records events created during a webhook outage as missed and never sends them', async () => {
    await admin('chaos', { webhookOutage: true });
    await admin('orders', { count: 2 });
    await admin('chaos', { webhookOutage: false });
    await admin('orders', { count: 1 });
    await settle();
    expect(received.map((m) => (JSON.parse(m.raw.toString('utf8')) as Order).order_number)).toEqual(
      [1003],
    );
    const events =
      await admin<{ orderNumber: number; missed: boolean; delivered: boolean }[]>('events');
    expect(events.map((e) => [e.orderNumber, e.missed, e.delivered])).toEqual([
      [1001, true, false],
      [1002, true, false],
      [1003, false, true],
    ]);
  });

  it('duplicates deliveries when duplicateRate is 1', async () => {
    await admin('chaos', { duplicateRate: 1 });
    await admin('orders', { count: 1 });
    await settle();
    expect(received).toHaveLength(2);
    expect(received[0]?.headers['x-shopify-webhook-id']).toBe(
      received[1]?.headers['x-shopify-webhook-id'],
    );
  });

  it('walks every order with Link-header cursor pagination', async () => {
    await admin('orders', { count: 7, paid: false });
    let next: string | undefined = `${sim.url}/admin/api/2025-01/orders.json?limit=3&status=any`;
    const numbers: number[] = [];
    let pages = 0;
    while (next) {
      const res: Response = await fetch(next, {
        headers: { 'X-Shopify-Access-Token': 'shpat_test' },
      });
      expect(res.status).toBe(200);
      numbers.push(
        ...((await res.json()) as { orders: Order[] }).orders.map((o) => o.order_number),
      );
      next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      pages++;
    }
    expect(pages).toBe(3);
    expect(numbers).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007]);
    const future = new Date(Date.now() + 60_000).toISOString();
    const none = await fetch(`${sim.url}/admin/api/2025-01/orders.json?updated_at_min=${future}`);
    expect(((await none.json()) as { orders: unknown[] }).orders).toEqual([]);
    expect(received).toHaveLength(0);
  });

  it('seeds paid orders that send no webhook and list like any other, up to a cap', async () => {
    const seeded = await admin<{ seeded: number; first: Partial<Order>; last: Partial<Order> }>(
      'seed-orders',
      { count: 4 },
    );
    expect(seeded).toMatchObject({
      seeded: 4,
      first: { order_number: 1001 },
      last: { order_number: 1004 },
    });
    const res = await fetch(`${sim.url}/admin/api/2025-01/orders.json?limit=10`, {
      headers: { 'X-Shopify-Access-Token': 'shpat_test' },
    });
    const { orders } = (await res.json()) as { orders: (Order & { financial_status: string })[] };
    expect(orders.map((o) => `${o.order_number} ${o.financial_status}`)).toEqual([
      '1001 paid',
      '1002 paid',
      '1003 paid',
      '1004 paid',
    ]);
    await settle();
    expect(received).toHaveLength(0);
    const refused = await fetch(`${sim.url}/_admin/seed-orders`, {
      method: 'POST',
      body: JSON.stringify({ count: 100_001 }),
    });
    expect(refused.status).toBe(400);
  });

  it('serves single orders, 404s, rate limits and idempotent fulfillments', async () => {
    const [order] = (await admin<{ orders: Order[] }>('orders', { count: 1, paid: false })).orders;
    if (!order) throw new Error('no order');
    const one = await fetch(`${sim.url}/admin/api/2025-01/orders/${order.id}.json`);
    expect(((await one.json()) as { order: Order }).order.name).toBe('#1001');
    const missing = await fetch(`${sim.url}/admin/api/2025-01/orders/1.json`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ errors: 'Not Found' });

    const fulfil = () =>
      fetch(`${sim.url}/admin/api/2025-01/orders/${order.id}/fulfillments.json`, {
        method: 'POST',
        body: JSON.stringify({
          fulfillment: { tracking_number: 'TRK0000000001', tracking_company: 'DHL' },
        }),
      });
    expect((await fulfil()).status).toBe(201);
    expect((await fulfil()).status).toBe(200);
    expect(await admin('side-effects')).toEqual([
      expect.objectContaining({
        kind: 'fulfillment.updated',
        orderId: order.id,
        trackingNumber: 'TRK0000000001',
      }),
    ]);

    await admin('chaos', { apiRateLimitRate: 1 });
    const limited = await fetch(`${sim.url}/admin/api/2025-01/orders.json`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
  });
});

describe('commerce simulator restarted after a persisted ledger', () => {
  it('continues numbering from firstOrderNumber and still paginates every order', async () => {
    const restarted = await startCommerceSimulator({
      port: 0,
      webhookUrl: 'http://127.0.0.1:9/unused',
      webhookSecret: 's',
      firstOrderNumber: 5001,
    });
    try {
      await fetch(`${restarted.url}/_admin/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count: 4, paid: false }),
      });
      const numbers: number[] = [];
      let next: string | undefined = `${restarted.url}/admin/api/2025-01/orders.json?limit=3`;
      while (next) {
        const res: Response = await fetch(next);
        numbers.push(
          ...((await res.json()) as { orders: { order_number: number }[] }).orders.map(
            (o) => o.order_number,
          ),
        );
        next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      }
      expect(numbers).toEqual([5001, 5002, 5003, 5004]);
    } finally {
      await restarted.close();
    }
  });
});
