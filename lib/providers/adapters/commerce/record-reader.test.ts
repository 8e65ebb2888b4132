// The storefront fulfilment read (update_fulfilment's record): ours among the order's fulfilments,
// the storefront's own status word (what the status table translates) beside the canonical state.
import { describe, expect, it } from 'vitest';
import { useProviderStub } from '@/test/support/provider-stub';
import { commerceAdapter } from '.';
import { fulfilmentRecord, orderRecord } from './record-reader';
import { API_VERSION } from './schemas';

const suite = useProviderStub({ accessToken: 'shpat_secret' });
const PATH = `/admin/api/${API_VERSION}/orders/5100000000001/fulfillments.json`;
const ours = {
  id: 5200000000002,
  order_id: 5100000000001,
  reference: 'F-000002',
  status: 'success',
  tracking_number: '1Z999',
  tracking_company: 'UPS',
  updated_at: '2026-11-20T10:00:00.000Z',
};
const list = {
  fulfillments: [{ ...ours, id: 5200000000001, reference: 'F-000001', status: 'open' }, ours],
};
const command = {
  orderId: '5100000000001',
  reference: 'F-000002',
  trackingNumber: '1Z999',
  state: 'shipped',
};

describe('storefront fulfilment normalisation', () => {
  it("finds ours by id, else by the command's reference, in update_fulfilment's names", () => {
    const expected = {
      ref: '5200000000002',
      businessKey: '1047',
      status: 'success',
      fields: {
        orderId: '5100000000001',
        reference: 'F-000002',
        trackingNumber: '1Z999',
        trackingCompany: 'UPS',
        state: 'shipped',
      },
      updatedAt: '2026-11-20T10:00:00.000Z',
    };
    const ref = { businessKey: '1047', orderId: '5100000000001', reference: 'F-000002' };
    expect(fulfilmentRecord(list, { ...ref, id: '5200000000002' })).toEqual(expected);
    expect(fulfilmentRecord(list, { ...ref, id: null })).toEqual(expected);
    expect(fulfilmentRecord(list, { ...ref, id: '5200000000009' })).toBeNull();
    expect(fulfilmentRecord({ fulfillment: ours }, { ...ref, id: null })).toBe('unreadable');
  });

  it('keeps a storefront status without a canonical state as it is', () => {
    const odd = { fulfillments: [{ ...ours, status: 'on_hold' }] };
    const record = fulfilmentRecord(odd, {
      id: null,
      businessKey: '1047',
      orderId: '5100000000001',
      reference: 'F-000002',
    });
    expect(record).toMatchObject({ status: 'on_hold', fields: { state: 'on_hold' } });
  });
});

describe('storefront order normalisation (the reader and the listing share it)', () => {
  it('names the order as order commands do, with the financial status and upper-case currency', () => {
    const order = {
      id: 5100000000001,
      order_number: 1047,
      email: 'ada@example.com',
      financial_status: 'paid',
      currency: 'eur',
      total_price: '129.00',
      updated_at: '2026-11-20T10:00:00.000Z',
      customer: { full_name: 'Ada Lovelace' },
      shipping_address: {
        name: 'Ada',
        address1: '1 Lane',
        city: 'Ghent',
        zip: '9000',
        country_code: 'BE',
      },
      line_items: [{ sku: 'TENT-2P-GRN', quantity: 1, price: '129.00' }],
    };
    expect(orderRecord(order)).toEqual({
      ref: '5100000000001',
      businessKey: '1047',
      status: 'paid',
      fields: {
        orderNumber: '1047',
        customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        currency: 'EUR',
        total: '129.00',
        lines: [{ sku: 'TENT-2P-GRN', quantity: 1, unitPrice: '129.00' }],
        shipTo: {
          name: 'Ada',
          address1: '1 Lane',
          city: 'Ghent',
          postalCode: '9000',
          country: 'BE',
        },
      },
      amountMinor: 12900,
      currency: 'EUR',
      updatedAt: '2026-11-20T10:00:00.000Z',
    });
    expect(orderRecord({ order })).toBeNull();
  });
});

describe('storefront fulfilment read', () => {
  const read = (ref: { id: string | null; command: unknown }) =>
    commerceAdapter.recordReaders!.update_fulfilment!(suite.ctx, { businessKey: '1047', ...ref });

  it("reads the command's order with the access token; a missing order is no record", async () => {
    suite.stub.on('GET', PATH, { status: 200, body: list });
    expect(await read({ id: '5200000000002', command })).toMatchObject({
      ok: true,
      record: { ref: '5200000000002', status: 'success' },
    });
    expect(suite.stub.requests[0]?.headers['x-shopify-access-token']).toBe('shpat_secret');
    suite.stub.on('GET', PATH, { status: 404, body: { errors: 'Not Found' } });
    expect(await read({ id: '5200000000002', command })).toMatchObject({ ok: true, record: null });
  });

  it('keeps Retry-After on a 429', async () => {
    suite.stub.on('GET', PATH, { status: 429, headers: { 'retry-after': '2' } });
    expect(await read({ id: null, command })).toMatchObject({
      ok: false,
      errorClass: 'rate_limited',
      retryAfterMs: 2000,
    });
  });
});
