import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminClient, sleep, startReceiver, waitFor } from '../shared-testing';
import type { Receiver } from '../shared-testing';
import { startPaymentsSimulator } from './server';
import type { RunningSim } from './server';

const KEY = 'sk_test_chaos';
const SECRET = 'whsec_chaos';
let sim: RunningSim;
let receiver: Receiver;
const admin = adminClient(() => sim.url);

const list = () =>
  fetch(`${sim.url}/v1/payment_intents`, { headers: { Authorization: `Bearer ${KEY}` } });
const pay = (order: string) =>
  fetch(`${sim.url}/v1/payment_intents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ amount: 1000, currency: 'eur', metadata: { order_number: order } }),
  });
const orderOf = (raw: Buffer) =>
  (JSON.parse(raw.toString('utf8')) as { data: { object: { metadata: { order_number: string } } } })
    .data.object.metadata.order_number;
const settle = () => waitFor(async () => (await admin<{ idle: boolean }>('idle')).json.idle);

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startPaymentsSimulator({
    port: 0,
    apiKey: KEY,
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    redelivery: { maxAttempts: 3, baseDelayMs: 20, timeoutMs: 300 },
    seed: 5,
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

describe('payments simulator chaos', () => {
  it('rejects a bad chaos patch naming the field and applying nothing', async () => {
    const bad = await admin<{ message: string }>('chaos', {
      errorRate: 0.5,
      rateLimit: { burst: 2 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('rateLimit.perSecond');
    expect((await admin<{ errorRate: number }>('chaos')).json.errorRate).toBe(0);
    expect((await admin('chaos', { nope: 1 })).status).toBe(400);
  });

  it('throttles with a token bucket and a timed 429 burst, both with Retry-After', async () => {
    await admin('chaos', { rateLimit: { perSecond: 1, burst: 2 } });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    const limited = await list();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await admin('chaos', { rateLimit: null, rateLimitBurst: { forMs: 150, retryAfterSeconds: 7 } });
    const burst = await pay('1');
    expect(burst.status).toBe(429);
    expect(burst.headers.get('retry-after')).toBe('7');
    await sleep(200);
    expect((await pay('1')).status).toBe(200);
    expect((await admin<unknown[]>('side-effects')).json).toHaveLength(1);
  });

  it('answers 503 through an outage and recovers; maintenance, 5xx and expired keys too', async () => {
    await admin('chaos', { outage: { forMs: 150 } });
    const down = await pay('1');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ error: 'unavailable' });
    await sleep(200);
    expect((await list()).status).toBe(200);
    await admin('chaos', { outage: { forMs: 150, reset: true } });
    await expect(list()).rejects.toThrow();
    await admin('chaos', { outage: null, maintenance: true });
    expect((await list()).headers.get('retry-after')).toBe('5');
    await admin('chaos', { maintenance: false, errorRate: 1 });
    expect((await pay('2')).status).toBe(503);
    await admin('chaos', { errorRate: 0, authExpired: true });
    expect(await (await list()).json()).toMatchObject({ error: { code: 'api_key_expired' } });
    expect((await admin<unknown[]>('side-effects')).json).toEqual([]);
  });

  it('delays calls by the configured latency', async () => {
    await admin('chaos', { latencyMs: { p50: 120, p99: 120 } });
    const started = Date.now();
    await list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('sends the same event id twice under duplicateRate', async () => {
    await admin('chaos', { duplicateRate: 1 });
    await pay('1');
    await settle();
    const ids = receiver.received.map(
      (m) => (JSON.parse(m.raw.toString('utf8')) as { id: string }).id,
    );
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('lets a later event overtake a held one under reorderRate', async () => {
    await admin('chaos', { reorderRate: 1 });
    await pay('1');
    await admin('chaos', { reorderRate: 0 });
    await pay('2');
    await settle();
    expect(receiver.received.map((m) => orderOf(m.raw))).toEqual(['2', '1']);
  });

  it('generates but never sends events during a webhook outage; listing still finds them', async () => {
    await admin('chaos', { webhookOutageForMs: 60_000 });
    await pay('1');
    await admin('chaos', { webhookOutageForMs: 0 });
    await pay('2');
    await settle();
    expect(receiver.received.map((m) => orderOf(m.raw))).toEqual(['2']);
    const events = await admin<{ missed: boolean; delivered: boolean }[]>('events');
    expect(events.json.map((e) => [e.missed, e.delivered])).toEqual([
      [true, false],
      [false, true],
    ]);
    const listed = (await (await list()).json()) as { data: unknown[] };
    expect(listed.data).toHaveLength(2);
  });

  it('retries a failed delivery, re-signing each attempt so every signature verifies', async () => {
    receiver.reply = (n) => (n === 1 ? 500 : 200);
    await pay('1');
    await settle();
    expect(receiver.received).toHaveLength(2);
    for (const msg of receiver.received) {
      const header = String(msg.headers['stripe-signature']);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
      const expected = createHmac('sha256', SECRET).update(`${t}.${msg.raw.toString()}`);
      expect(v1).toBe(expected.digest('hex'));
    }
    const log = await admin<{ attempt: number; status: number }[]>('deliveries');
    expect(log.json.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });
});
