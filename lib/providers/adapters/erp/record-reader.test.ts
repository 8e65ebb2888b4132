// The ERP record read, the one reading of an ERP record reconciliation and the state comparison
// share: the ERP's own status word (the status table's key), 404 by id as "no record", refusals
// classified as the ERP's operations classify them, Retry-After kept.
import { describe, expect, it } from 'vitest';
import { useProviderStub } from '@/test/support/provider-stub';
import { erpAdapter } from '.';

const suite = useProviderStub({ apiKey: 'erp-key' });
const salesOrder = {
  id: 'SO-000007',
  external_ref: '1047',
  status: 'OPEN',
  currency: 'EUR',
  total: '129.00',
  customer_email: 'ada@example.com',
  customer_name: 'Ada Lovelace',
  lines: [{ sku: 'TENT-2P-GRN', quantity: 1, unit_price: '129.00' }],
  updated_at: '2026-11-20T10:00:00.000Z',
};
const read = (id: string | null, command: unknown = { orderNumber: '1047' }) =>
  erpAdapter.recordReaders!.create_sales_order!(suite.ctx, { id, businessKey: '1047', command });

describe('ERP record read', () => {
  it("reads by id into create_sales_order's names, with the ERP's own status word", async () => {
    suite.stub.on('GET', '/api/v1/sales-orders/SO-000007', { status: 200, body: salesOrder });
    expect(await read('SO-000007')).toMatchObject({
      ok: true,
      record: {
        ref: 'SO-000007',
        businessKey: '1047',
        status: 'OPEN',
        fields: {
          orderNumber: '1047',
          customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
          currency: 'EUR',
          total: '129.00',
          lines: [{ sku: 'TENT-2P-GRN', quantity: 1, unitPrice: '129.00' }],
        },
        amountMinor: 12900,
        currency: 'EUR',
      },
    });
    expect(suite.stub.requests[0]?.headers.authorization).toBe('Bearer erp-key');
  });

  it('reads a 404 by id as no record, and finds one by external_ref without an id', async () => {
    suite.stub.on('GET', '/api/v1/sales-orders/SO-000404', { status: 404, body: {} });
    expect(await read('SO-000404')).toMatchObject({ ok: true, record: null });
    suite.stub.on('GET', '/api/v1/sales-orders', { status: 200, body: { data: [salesOrder] } });
    expect(await read(null)).toMatchObject({ ok: true, record: { ref: 'SO-000007' } });
    expect(suite.stub.requests.at(-1)?.url).toBe('/api/v1/sales-orders?external_ref=1047');
  });

  it("keeps Retry-After on a 429 and the ERP's classes on other refusals", async () => {
    suite.stub.on('GET', '/api/v1/sales-orders/SO-000007', {
      status: 429,
      body: { error: 'rate_limited' },
      headers: { 'retry-after': '4' },
    });
    expect(await read('SO-000007')).toMatchObject({
      ok: false,
      errorClass: 'rate_limited',
      retryAfterMs: 4000,
    });
    suite.stub.on('GET', '/api/v1/sales-orders', {
      status: 503,
      body: { error: 'maintenance' },
      headers: { 'retry-after': '1' },
    });
    expect(await read(null)).toMatchObject({
      ok: false,
      errorClass: 'provider_outage',
      retryAfterMs: 1000,
    });
  });
});
