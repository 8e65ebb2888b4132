// The ERP adapter against the real ERP simulator (no idempotency keys): a lost answer followed by a
// repeat must leave exactly one record, and the simulator's refusals get the engine's classes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startErpSimulator, type RunningSim } from '@/simulators/erp/server';
import type { ProviderContext } from '../../port';
import { erpAdapter } from '.';

const KEY = 'erp-integration-key';
let sim: RunningSim;
let ctx: ProviderContext;

async function admin<T>(path: string, payload?: unknown): Promise<T> {
  const res = await fetch(`${sim.url}/_admin/${path}`, {
    method: payload === undefined ? 'GET' : 'POST',
    ...(payload !== undefined && { body: JSON.stringify(payload) }),
  });
  return (await res.json()) as T;
}
async function run(name: string, command: unknown, mayHaveBeenSent = false) {
  const op = erpAdapter.operations[name]!;
  return op.execute(ctx, op.input.parse(command), { idempotencyKey: 'k', mayHaveBeenSent });
}
const order = (orderNumber: string, email = 'lars@example.com') => ({
  orderNumber,
  customer: { email, name: 'Lars de Vries' },
  currency: 'EUR',
  total: 24.6,
  lines: [{ sku: 'TENT-2P-GRN', quantity: 2, unitPrice: 12.3 }],
});
const payment = { paymentReference: 'pi_1', orderNumber: '1047', amount: '24.60', currency: 'EUR' };
const effects = () => admin<{ kind: string; external_ref: string }[]>('side-effects');

beforeAll(async () => {
  sim = await startErpSimulator({ apiKey: KEY });
  ctx = { baseUrl: sim.url, credentials: { apiKey: KEY }, timeoutMs: 1000 };
});
afterAll(() => sim.close());
beforeEach(() => admin('reset', {}));

describe('ERP adapter against the simulator', () => {
  it('creates a sales order, then a payment and a credit memo against it', async () => {
    expect(await run('create_sales_order', order('1047'))).toMatchObject({
      kind: 'success',
      providerStatus: 'OPEN',
    });
    expect(await run('record_payment', payment)).toMatchObject({ providerStatus: 'POSTED' });
    const memo = { refundReference: 're_1', orderNumber: '1047', amount: 5, currency: 'EUR' };
    expect(await run('create_credit_memo', memo)).toMatchObject({ providerStatus: 'ISSUED' });
    expect((await effects()).map((e) => e.kind)).toEqual([
      'sales_order.created',
      'payment.posted',
      'credit_memo.issued',
    ]);
  });

  it('a create whose answer was lost is adopted on the repeat, not duplicated', async () => {
    await admin('chaos', { timeoutAfterSuccessRate: 1, hangMs: 3000 });
    const lost = await run('create_sales_order', order('1048'));
    expect(lost).toMatchObject({ kind: 'failure', errorClass: 'timeout' });
    await admin('chaos', { timeoutAfterSuccessRate: 0 });
    const repeat = await run('create_sales_order', order('1048'), true);
    expect(repeat).toMatchObject({ kind: 'success', providerStatus: 'OPEN', alreadyApplied: true });
    expect(await effects()).toHaveLength(1);
  });

  it('a payment for a sales order not there yet is a missing dependency', async () => {
    const outcome = await run('record_payment', { ...payment, orderNumber: '9999' });
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'missing_dependency' });
  });

  it('field errors are validation, with their paths', async () => {
    const outcome = await run('create_sales_order', order('1049', 'not-an-email'));
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'validation' });
    if (outcome.kind === 'failure') expect(outcome.message).toContain('customer_email');
  });

  it('a wrong key is auth, a 429 burst rate_limited, an outage provider_outage', async () => {
    const wrong = await erpAdapter.operations.record_payment!.execute(
      { ...ctx, credentials: { apiKey: 'not-the-key' } },
      payment,
      { idempotencyKey: 'k', mayHaveBeenSent: true },
    );
    expect(wrong).toMatchObject({ kind: 'failure', errorClass: 'auth' });
    await admin('chaos', { rateLimitBurst: { forMs: 5000, retryAfterSeconds: 3 } });
    expect(await run('record_payment', payment)).toMatchObject({
      errorClass: 'rate_limited',
      retryAfterMs: 3000,
    });
    await admin('chaos', { rateLimitBurst: null, maintenance: true });
    expect(await run('record_payment', payment)).toMatchObject({ errorClass: 'provider_outage' });
  });

  it('polls the inventory export in objects of 250', async () => {
    const items = Array.from({ length: 600 }, (_, i) => ({ sku: `PIN-${i}`, on_hand: i }));
    await admin('inventory', { items });
    const result = await erpAdapter.poll!.inventory_export!(ctx);
    if (!result.ok) throw new Error(result.message);
    const total = (JSON.parse(result.body) as { items: unknown[] }).items.length;
    expect(result.objects.length).toBe(Math.ceil(total / 250));
    expect(result.objects[0]?.sourceObjectId).toBe(`${result.providerEventId}:0`);
    expect(result.objects.flatMap((o) => (o.payload as { items: unknown[] }).items)).toHaveLength(
      total,
    );
  });
});
