// Request building and lookup-before-create against a local stub ERP.
import { describe, expect, it } from 'vitest';
import { useProviderStub } from '@/test/support/provider-stub';
import type { Operation } from '../../port';
import { erpAdapter } from '.';

const KEY = 'erp-secret-key-123';
const suite = useProviderStub({ apiKey: KEY }, { timeoutMs: 1000, trailingSlash: true });

function op(name: string): Operation {
  const found = erpAdapter.operations[name];
  if (!found) throw new Error(`no operation ${name}`);
  return found;
}
async function run(name: string, command: unknown, mayHaveBeenSent = false) {
  const o = op(name);
  return o.execute(suite.ctx, o.input.parse(command), { idempotencyKey: 'k-1', mayHaveBeenSent });
}

const salesOrder = {
  orderNumber: '1047',
  customer: { email: 'lars@example.com', name: 'Lars de Vries' },
  currency: 'eur',
  total: 0.1 + 0.2,
  lines: [{ sku: 'TENT-2P-GRN', quantity: 2, unitPrice: '12.3' }],
};
const record = (id: string, ref: string, status: string) => ({ id, external_ref: ref, status });

describe('ERP request building', () => {
  it('creates a sales order with snake_case fields, normalised money and the bearer key', async () => {
    suite.stub.on('POST', '/api/v1/sales-orders', {
      status: 201,
      body: record('SO-000001', '1047', 'OPEN'),
    });
    const outcome = await run('create_sales_order', salesOrder);
    expect(suite.stub.requests).toHaveLength(1);
    const [req] = suite.stub.requests;
    expect(req?.url).toBe('/api/v1/sales-orders');
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.body).toEqual({
      external_ref: '1047',
      customer_email: 'lars@example.com',
      customer_name: 'Lars de Vries',
      currency: 'EUR',
      total: '0.30',
      lines: [{ sku: 'TENT-2P-GRN', quantity: 2, unit_price: '12.30' }],
    });
    expect(outcome).toMatchObject({
      kind: 'success',
      externalRef: 'SO-000001',
      providerStatus: 'OPEN',
      alreadyApplied: false,
    });
  });

  it('records a payment against the sales order reference', async () => {
    suite.stub.on('POST', '/api/v1/payments', {
      status: 201,
      body: record('PAY-000001', 'pi_1', 'POSTED'),
    });
    const outcome = await run('record_payment', {
      paymentReference: 'pi_1',
      orderNumber: '1047',
      amount: '123.45',
      currency: 'EUR',
    });
    expect(suite.stub.requests[0]?.body).toEqual({
      external_ref: 'pi_1',
      sales_order_ref: '1047',
      amount: '123.45',
      currency: 'EUR',
    });
    expect(outcome).toMatchObject({ externalRef: 'PAY-000001', providerStatus: 'POSTED' });
  });

  it('issues a credit memo, sending the reason only when there is one', async () => {
    suite.stub.on('POST', '/api/v1/credit-memos', {
      status: 201,
      body: record('CM-000001', 're_1', 'ISSUED'),
    });
    const memo = { refundReference: 're_1', orderNumber: '1047', amount: 10, currency: 'EUR' };
    await run('create_credit_memo', memo);
    const outcome = await run('create_credit_memo', { ...memo, reason: 'damaged' });
    expect(suite.stub.requests.map((r) => r.body)).toEqual([
      { external_ref: 're_1', sales_order_ref: '1047', amount: '10.00', currency: 'EUR' },
      {
        external_ref: 're_1',
        sales_order_ref: '1047',
        amount: '10.00',
        currency: 'EUR',
        reason: 'damaged',
      },
    ]);
    expect(outcome).toMatchObject({ externalRef: 'CM-000001', providerStatus: 'ISSUED' });
  });

  it('rejects amounts the ERP would misread before any call', () => {
    const { input } = op('record_payment');
    const base = { paymentReference: 'pi_1', orderNumber: '1047', currency: 'EUR' };
    expect(input.safeParse({ ...base, amount: '1.234' }).success).toBe(false);
    expect(input.safeParse({ ...base, amount: -1 }).success).toBe(false);
    expect(input.safeParse({ ...base, amount: '1,50' }).success).toBe(false);
  });
});

describe('ERP lookup before a create that may repeat', () => {
  it('adopts the record an earlier attempt created, without creating another', async () => {
    suite.stub.on('GET', '/api/v1/sales-orders', {
      status: 200,
      body: { data: [record('SO-000009', '1047', 'OPEN')] },
    });
    const outcome = await run('create_sales_order', salesOrder, true);
    expect(suite.stub.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/sales-orders?external_ref=1047',
    ]);
    expect(outcome).toMatchObject({
      kind: 'success',
      externalRef: 'SO-000009',
      providerStatus: 'OPEN',
      alreadyApplied: true,
    });
  });

  it('creates when the lookup finds nothing, and encodes the reference', async () => {
    suite.stub.on('GET', '/api/v1/payments', { status: 200, body: { data: [] } });
    suite.stub.on('POST', '/api/v1/payments', {
      status: 201,
      body: record('PAY-000002', 'pi 1&x', 'POSTED'),
    });
    const outcome = await run(
      'record_payment',
      { paymentReference: 'pi 1&x', orderNumber: '1047', amount: 1, currency: 'EUR' },
      true,
    );
    expect(suite.stub.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/payments?external_ref=pi%201%26x',
      'POST /api/v1/payments',
    ]);
    expect(outcome).toMatchObject({ kind: 'success', alreadyApplied: false });
  });

  it.each([
    [{ status: 503, body: { error: 'unavailable' } }, 'provider_outage'],
    [
      { status: 429, body: { error: 'rate_limited' }, headers: { 'retry-after': '2' } },
      'rate_limited',
    ],
    [{ status: 401, body: { error: 'unauthorized' } }, 'auth'],
    [{ status: 200, body: { data: [record('SO-1', 'OTHER', 'OPEN')] } }, 'contract_mismatch'],
    [{ status: 200, body: { items: [] } }, 'contract_mismatch'],
    ['hang' as const, 'timeout'],
  ])('a failed lookup (%j) keeps its class %s and creates nothing', async (answer, errorClass) => {
    suite.ctx.timeoutMs = 150;
    suite.stub.on('GET', '/api/v1/sales-orders', answer);
    suite.stub.on('POST', '/api/v1/sales-orders', {
      status: 201,
      body: record('SO-2', '1047', 'OPEN'),
    });
    const outcome = await run('create_sales_order', salesOrder, true);
    suite.ctx.timeoutMs = 1000;
    expect(outcome).toMatchObject({ kind: 'failure', errorClass });
    if (errorClass === 'rate_limited') expect(outcome).toMatchObject({ retryAfterMs: 2000 });
    expect(suite.stub.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
