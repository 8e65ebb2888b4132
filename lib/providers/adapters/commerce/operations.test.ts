// Commerce outbound against a local stub storefront: request building and classification.
import { describe, expect, it } from 'vitest';
import { useProviderStub, type StubAnswer } from '@/test/support/provider-stub';
import { commerceOperations } from './operations';

const TOKEN = 'shpat_secret_token_123';
const FULFIL = '/admin/api/2025-01/orders/5100000000001/fulfillments.json';
const BULK = '/admin/api/2025-01/inventory_levels/bulk_set.json';
const suite = useProviderStub({ accessToken: TOKEN });

async function run(name: string, command: unknown, mayHaveBeenSent = false) {
  const op = commerceOperations[name]!;
  return op.execute(suite.ctx, op.input.parse(command), {
    idempotencyKey: 'idem-7',
    mayHaveBeenSent,
  });
}
const fulfilment = {
  orderId: 5100000000001,
  reference: 'F-000042',
  trackingNumber: 'TRK123',
  trackingCompany: 'DHL',
};
const answer = (status: number) => ({
  status,
  body: { fulfillment: { id: 5200000000001, order_id: 5100000000001, status: 'success' } },
});
const levels = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ sku: `S-${i}`, available: i }));

describe('commerce update_fulfilment', () => {
  it('POSTs the fulfilment keyed by reference with the access token header', async () => {
    suite.stub.on('POST', FULFIL, answer(201));
    const outcome = await run('update_fulfilment', fulfilment);
    const [req] = suite.stub.requests;
    expect(req?.url).toBe(FULFIL);
    expect(req?.headers['x-shopify-access-token']).toBe(TOKEN);
    expect(req?.body).toEqual({
      fulfillment: { reference: 'F-000042', tracking_number: 'TRK123', tracking_company: 'DHL' },
    });
    expect(outcome).toMatchObject({
      kind: 'success',
      externalRef: '5200000000001',
      providerStatus: 'success',
      alreadyApplied: false,
    });
  });

  it('translates a canonical state and sends only the fields given', async () => {
    suite.stub.on('POST', FULFIL, answer(200));
    await run('update_fulfilment', {
      orderId: '5100000000001',
      reference: 'F-1',
      state: 'cancelled',
    });
    await run('update_fulfilment', { ...fulfilment, trackingCompany: null, state: 'shipped' });
    expect(suite.stub.requests.map((r) => r.body)).toEqual([
      { fulfillment: { reference: 'F-1', status: 'cancelled' } },
      {
        fulfillment: {
          reference: 'F-000042',
          tracking_number: 'TRK123',
          tracking_company: null,
          status: 'success',
        },
      },
    ]);
  });

  it('refuses a command with nothing to update or no usable order id', () => {
    const { input } = commerceOperations.update_fulfilment!;
    expect(input.safeParse({ orderId: 1, reference: 'F-1' }).success).toBe(false);
    expect(input.safeParse({ ...fulfilment, orderId: '#1047' }).success).toBe(false);
    expect(input.safeParse({ ...fulfilment, state: 'success' }).success).toBe(false);
  });

  it('repeats without a lookup when it may have been sent (the storefront keys by reference)', async () => {
    suite.stub.on('POST', FULFIL, answer(200));
    const outcome = await run(
      'update_fulfilment',
      { ...fulfilment, orderId: '5100000000001' },
      true,
    );
    expect(suite.stub.requests.map((r) => r.method)).toEqual(['POST']);
    expect(outcome).toMatchObject({ kind: 'success', externalRef: '5200000000001' });
  });

  it.each([
    ['404 (order not there)', { status: 404, body: { errors: 'Not Found' } }, 'missing_dependency'],
    [
      '422',
      { status: 422, body: { errors: { tracking_number: ["can't be blank"] } } },
      'validation',
      "tracking_number: can't be blank",
    ],
    ['401', { status: 401, body: { errors: `[API] Invalid access token ${TOKEN}` } }, 'auth'],
    ['403', { status: 403, body: { errors: 'Forbidden' } }, 'permission'],
    [
      '429',
      {
        status: 429,
        body: { errors: 'Exceeded 2 calls per second' },
        headers: { 'retry-after': '1' },
      },
      'rate_limited',
    ],
    ['500', { status: 500, body: { errors: 'Internal Server Error' } }, 'provider_outage'],
    ['503', { status: 503, body: { error: 'unavailable' } }, 'provider_outage'],
    ['201 without a fulfilment', { status: 201, body: { ok: true } }, 'contract_mismatch'],
    ['no answer in time', 'hang', 'timeout'],
  ] as [string, StubAnswer, string, string?][])(
    '%s -> %s',
    async (label, a, errorClass, inMessage) => {
      suite.stub.on('POST', FULFIL, a);
      const outcome = await run('update_fulfilment', fulfilment);
      expect(outcome).toMatchObject({ kind: 'failure', errorClass });
      if (inMessage && outcome.kind === 'failure') expect(outcome.message).toContain(inMessage);
      if (label === '429') expect(outcome).toMatchObject({ retryAfterMs: 1000 });
      expect(JSON.stringify(outcome)).not.toContain(TOKEN);
    },
  );
});

describe('commerce set_inventory', () => {
  it('sends one bulk_set call with every level', async () => {
    suite.stub.on('POST', BULK, { status: 200, body: { updated: 250 } });
    const outcome = await run('set_inventory', { items: levels(250) });
    expect(suite.stub.requests).toHaveLength(1);
    expect(suite.stub.requests[0]?.headers['x-shopify-access-token']).toBe(TOKEN);
    expect(suite.stub.requests[0]?.body).toEqual({ inventory_levels: levels(250) });
    expect(outcome).toMatchObject({
      kind: 'success',
      externalRef: 'idem-7',
      providerStatus: 'UPDATED',
      alreadyApplied: false,
    });
  });

  it('refuses more than one call of levels (the mapping must chunk) and an empty set', () => {
    const { input } = commerceOperations.set_inventory!;
    expect(input.safeParse({ items: levels(251) }).success).toBe(false);
    expect(input.safeParse({ items: [] }).success).toBe(false);
    expect(input.safeParse({ items: [{ sku: 'A', available: 1.5 }] }).success).toBe(false);
  });

  it('reports fewer levels updated than sent as its own status', async () => {
    suite.stub.on('POST', BULK, { status: 200, body: { updated: 2 } });
    const outcome = await run('set_inventory', { items: levels(3) });
    expect(outcome).toMatchObject({ kind: 'success', providerStatus: 'PARTIALLY_UPDATED' });
  });

  it.each([
    [
      '429',
      { status: 429, body: { errors: 'Exceeded' }, headers: { 'retry-after': '2' } },
      'rate_limited',
    ],
    [
      '404 (wrong API version)',
      { status: 404, body: { errors: 'Not Found' } },
      'contract_mismatch',
    ],
    ['422', { status: 422, body: { errors: { inventory_levels: ['too many'] } } }, 'validation'],
    ['401', { status: 401, body: { errors: 'Unauthorized' } }, 'auth'],
    ['503', { status: 503, body: { error: 'unavailable' } }, 'provider_outage'],
    ['200 without a count', { status: 200, body: {} }, 'contract_mismatch'],
    ['no answer in time', 'hang', 'timeout'],
  ] as [string, StubAnswer, string][])('%s -> %s', async (label, a, errorClass) => {
    suite.stub.on('POST', BULK, a);
    const outcome = await run('set_inventory', { items: levels(2) });
    expect(outcome).toMatchObject({ kind: 'failure', errorClass });
    if (label === '429') expect(outcome).toMatchObject({ retryAfterMs: 2000 });
    expect(JSON.stringify(outcome)).not.toContain(TOKEN);
  });
});
