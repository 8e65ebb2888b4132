// The commerce operations against the real storefront simulator: keyed fulfilments, bulk inventory
// levels, and the simulator's chaos classified the way the engine expects.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCommerceSimulator, type RunningSim } from '@/simulators/commerce/server';
import type { ProviderContext } from '../../port';
import { commerceOperations } from './operations';

const TOKEN = 'shpat_integration_token';
let sim: RunningSim;
let ctx: ProviderContext;
let orderId: number;

async function admin<T>(path: string, payload?: unknown): Promise<T> {
  const res = await fetch(`${sim.url}/_admin/${path}`, {
    method: payload === undefined ? 'GET' : 'POST',
    ...(payload !== undefined && { body: JSON.stringify(payload) }),
  });
  return (await res.json()) as T;
}
async function run(name: string, command: unknown, mayHaveBeenSent = false) {
  const op = commerceOperations[name]!;
  return op.execute(ctx, op.input.parse(command), { idempotencyKey: 'idem-1', mayHaveBeenSent });
}
const levels = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ sku: `S-${i}`, available: i }));

beforeAll(async () => {
  // Unpaid orders emit no webhooks, so the unreachable webhook URL is never called.
  sim = await startCommerceSimulator({ webhookUrl: 'http://127.0.0.1:9/none', webhookSecret: 's' });
  ctx = { baseUrl: sim.url, credentials: { accessToken: TOKEN }, timeoutMs: 1000 };
});
afterAll(() => sim.close());
beforeEach(async () => {
  await admin('reset', {});
  const { orders } = await admin<{ orders: { id: number }[] }>('orders', { count: 1, paid: false });
  orderId = orders[0]!.id;
});

describe('commerce operations against the simulator', () => {
  it('keys fulfilments by reference: a repeat updates instead of adding one', async () => {
    const first = await run('update_fulfilment', {
      orderId,
      reference: 'F-1',
      trackingNumber: 'T1',
    });
    const again = await run(
      'update_fulfilment',
      { orderId, reference: 'F-1', trackingNumber: 'T1' },
      true,
    );
    const moved = await run('update_fulfilment', {
      orderId,
      reference: 'F-1',
      trackingNumber: 'T2',
    });
    expect(first).toMatchObject({ kind: 'success', providerStatus: 'success' });
    expect(first.exchange.status).toBe(201);
    expect(again).toMatchObject({
      kind: 'success',
      externalRef: first.kind === 'success' ? first.externalRef : '',
    });
    expect(moved.exchange.status).toBe(200);
    const effects = await admin<{ kind: string; trackingNumber: string }[]>('side-effects');
    expect(effects.map((e) => e.trackingNumber)).toEqual(['T1', 'T2']);
  });

  it('an unknown order is a missing dependency', async () => {
    const outcome = await run('update_fulfilment', {
      orderId: 999,
      reference: 'F-9',
      trackingNumber: 'T',
    });
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'missing_dependency' });
  });

  it('sets 250 levels in one call', async () => {
    const outcome = await run('set_inventory', { items: levels(250) });
    expect(outcome).toMatchObject({ kind: 'success', providerStatus: 'UPDATED' });
    const effects = await admin<{ kind: string; count: number }[]>('side-effects');
    expect(effects).toMatchObject([{ kind: 'inventory.bulk_set', count: 250 }]);
  });

  it('a 429 burst is rate_limited with its Retry-After', async () => {
    await admin('chaos', { rateLimitBurst: { forMs: 5000, retryAfterSeconds: 2 } });
    const outcome = await run('set_inventory', { items: levels(3) });
    expect(outcome).toMatchObject({
      kind: 'failure',
      errorClass: 'rate_limited',
      retryAfterMs: 2000,
    });
  });

  it('expired credentials are auth, and the token is not in the outcome', async () => {
    await admin('chaos', { authExpired: true });
    const outcome = await run('update_fulfilment', {
      orderId,
      reference: 'F-1',
      trackingNumber: 'T1',
    });
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'auth' });
    expect(JSON.stringify(outcome)).not.toContain(TOKEN);
  });

  it('an outage is a provider outage', async () => {
    await admin('chaos', { maintenance: true });
    const outcome = await run('set_inventory', { items: levels(1) });
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'provider_outage' });
  });

  it('a write applied but never answered times out, and the repeat adds nothing', async () => {
    await admin('chaos', { timeoutAfterSuccessRate: 1, hangMs: 3000 });
    const lost = await run('update_fulfilment', {
      orderId,
      reference: 'F-5',
      trackingNumber: 'T5',
    });
    expect(lost).toMatchObject({ kind: 'failure', errorClass: 'timeout' });
    await admin('chaos', { timeoutAfterSuccessRate: 0 });
    const retried = await run(
      'update_fulfilment',
      { orderId, reference: 'F-5', trackingNumber: 'T5' },
      true,
    );
    expect(retried).toMatchObject({ kind: 'success' });
    expect(retried.exchange.status).toBe(200);
    expect(await admin<unknown[]>('side-effects')).toHaveLength(1);
  });
});
