import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminClient, startReceiver, waitFor } from '../shared-testing';
import type { Receiver, Received } from '../shared-testing';
import { startPaymentsSimulator } from './server';
import type { RunningSim } from './server';

const KEY = 'sk_test_payments';
const SECRET = 'whsec_test_payments_secret';
let sim: RunningSim;
let receiver: Receiver;
const admin = adminClient(() => sim.url);

interface Intent {
  id: string;
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  metadata: Record<string, string>;
  created: number;
}
interface StripeEvent {
  id: string;
  type: string;
  api_version: string;
  data: { object: Record<string, unknown> };
}

function api(path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${sim.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

const pay = (amount = 4990, order = '1001') =>
  api('/v1/payment_intents', {
    amount,
    currency: 'eur',
    metadata: { order_id: `82000000${order}`, order_number: order },
  });

/** Recomputes Stripe's scheme: hex HMAC-SHA256 keyed with the secret string over "<t>.<body>". */
function signatureValid(msg: Received): boolean {
  const header = String(msg.headers['stripe-signature']);
  const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
  const v1 = /(?:^|,)v1=([0-9a-f]{64})/.exec(header)?.[1];
  const expected = createHmac('sha256', SECRET)
    .update(`${t}.${msg.raw.toString('utf8')}`)
    .digest('hex');
  return t !== undefined && v1 === expected;
}

const eventOf = (msg: Received | undefined) =>
  JSON.parse(msg?.raw.toString('utf8') ?? 'null') as StripeEvent;

async function settle(): Promise<void> {
  await waitFor(async () => (await admin<{ idle: boolean }>('idle')).json.idle);
}

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startPaymentsSimulator({
    port: 0,
    apiKey: KEY,
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    redelivery: { maxAttempts: 3, baseDelayMs: 20, timeoutMs: 300 },
    seed: 11,
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

describe('payments simulator', () => {
  it('refuses calls without the secret key, Stripe-style', async () => {
    const none = await fetch(`${sim.url}/v1/payment_intents`);
    expect(none.status).toBe(401);
    const wrong = await api('/v1/payment_intents', undefined, { Authorization: 'Bearer sk_nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect((await admin<unknown[]>('side-effects')).json).toEqual([]);
  });

  it('creates a succeeded payment intent and delivers a verifiable payment_intent.succeeded', async () => {
    const res = await pay(4990, '1001');
    expect(res.status).toBe(200);
    const intent = (await res.json()) as Intent;
    expect(intent).toMatchObject({
      object: 'payment_intent',
      amount: 4990,
      amount_received: 4990,
      currency: 'eur',
      status: 'succeeded',
      metadata: { order_id: '820000001001', order_number: '1001' },
    });
    expect(intent.id).toMatch(/^pi_[A-Za-z0-9]{24}$/);
    await settle();
    expect(receiver.received).toHaveLength(1);
    const msg = receiver.received[0];
    expect(msg && signatureValid(msg)).toBe(true);
    expect(eventOf(msg)).toMatchObject({
      object: 'event',
      type: 'payment_intent.succeeded',
      api_version: '2024-06-20',
      data: { object: { id: intent.id, amount: 4990 } },
    });
    expect(eventOf(msg).id).toMatch(/^evt_/);
    expect(await (await api(`/v1/payment_intents/${intent.id}`)).json()).toEqual(intent);
    expect((await api('/v1/payment_intents/pi_missing')).status).toBe(404);
    expect((await admin('side-effects')).json).toEqual([
      expect.objectContaining({ kind: 'payment_intent.created', id: intent.id, amount: 4990 }),
    ]);
  });

  it('accepts form-encoded bodies as the Stripe SDK sends them, and validates', async () => {
    const res = await fetch(`${sim.url}/v1/payment_intents`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${KEY}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'amount=1250&currency=EUR&metadata[order_id]=7&metadata[order_number]=1007',
    });
    expect(await res.json()).toMatchObject({
      amount: 1250,
      currency: 'eur',
      metadata: { order_id: '7', order_number: '1007' },
    });
    const missing = await api('/v1/payment_intents', { currency: 'eur' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: { code: 'parameter_missing', param: 'amount' },
    });
  });

  it('refunds in parts and sends charge.refunded naming the refund and the order', async () => {
    const intent = (await (await pay(5000, '1002')).json()) as Intent;
    const partial = await api('/v1/refunds', { payment_intent: intent.id, amount: 1200 });
    expect(await partial.json()).toMatchObject({
      object: 'refund',
      payment_intent: intent.id,
      amount: 1200,
      status: 'succeeded',
    });
    const rest = (await (await api('/v1/refunds', { payment_intent: intent.id })).json()) as {
      id: string;
      amount: number;
    };
    expect(rest.amount).toBe(3800);
    const again = await api('/v1/refunds', { payment_intent: intent.id });
    expect(await again.json()).toMatchObject({ error: { code: 'charge_already_refunded' } });
    await settle();
    const refunds = receiver.received.map(eventOf).filter((e) => e.type === 'charge.refunded');
    expect(refunds).toHaveLength(2);
    const last = refunds.find((e) => e.data.object.amount_refunded === 5000);
    expect(last?.data.object).toMatchObject({
      object: 'charge',
      payment_intent: intent.id,
      amount: 5000,
      refunded: true,
      metadata: { order_number: '1002' },
      refunds: { data: [{ id: rest.id, amount: 3800 }, { amount: 1200 }] },
    });
    expect(receiver.received.every(signatureValid)).toBe(true);
    const kinds = (await admin<{ kind: string }[]>('side-effects')).json.map((e) => e.kind);
    expect(kinds).toEqual(['payment_intent.created', 'refund.created', 'refund.created']);
  });

  it('lists newest first within a created window, paging with starting_after', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(((await (await pay(100 + i)).json()) as Intent).id);
    const from = Math.floor(Date.now() / 1000) - 60;
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const page = (await (
        await api(`/v1/payment_intents?created[gte]=${from}&limit=2${after}`)
      ).json()) as { data: Intent[]; has_more: boolean };
      seen.push(...page.data.map((p) => p.id));
      if (!page.has_more) break;
      after = `&starting_after=${page.data[page.data.length - 1]?.id}`;
    }
    expect(seen).toEqual([...ids].reverse());
    const empty = (await (await api(`/v1/payment_intents?created[lt]=${from}`)).json()) as {
      data: unknown[];
    };
    expect(empty.data).toEqual([]);
  });

  it('applies a payment once when the answer is lost, and an Idempotency-Key retry replays it', async () => {
    await admin('chaos', { timeoutAfterSuccessRate: 1, hangMs: 5000 });
    const body = { amount: 2500, currency: 'eur', metadata: { order_number: '1003' } };
    await expect(
      fetch(`${sim.url}/v1/payment_intents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEY}`, 'Idempotency-Key': 'k-1003' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect((await admin<unknown[]>('side-effects')).json).toHaveLength(1);
    await admin('chaos', { timeoutAfterSuccessRate: 0 });
    const retry = await api('/v1/payment_intents', body, { 'Idempotency-Key': 'k-1003' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const reused = await api(
      '/v1/payment_intents',
      { ...body, amount: 1 },
      { 'Idempotency-Key': 'k-1003' },
    );
    expect(reused.status).toBe(400);
    expect((await admin<unknown[]>('side-effects')).json).toHaveLength(1);
    const counts = await admin<{ route: string; status: number }[]>('requests');
    expect(counts.json).toContainEqual({ route: 'POST /v1/payment_intents', status: 0, count: 1 });
  });
});
