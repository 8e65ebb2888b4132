// Every failure the ERP contract describes -> the error class the engine acts on; and our key
// never ends up in what the ledger stores.
import { describe, expect, it } from 'vitest';
import { startProviderStub, useProviderStub, type StubAnswer } from '@/test/support/provider-stub';
import { erpAdapter } from '.';

const KEY = 'erp-secret-key-456';
const suite = useProviderStub({ apiKey: KEY });

const payment = { paymentReference: 'pi_1', orderNumber: '1047', amount: '5.00', currency: 'EUR' };
async function recordPayment() {
  const op = erpAdapter.operations.record_payment!;
  return op.execute(suite.ctx, op.input.parse(payment), {
    idempotencyKey: 'k',
    mayHaveBeenSent: false,
  });
}

const unknownRef = {
  error: 'unknown_reference',
  errors: [{ path: 'sales_order_ref', message: 'no sales order 1047' }],
};
const invalid = {
  error: 'validation_failed',
  errors: [{ path: 'lines[0].sku', message: 'required' }],
};

const TABLE: [string, StubAnswer, string, string?][] = [
  [
    '422 unknown_reference',
    { status: 422, body: unknownRef },
    'missing_dependency',
    'sales_order_ref: no sales order 1047',
  ],
  ['422 validation_failed', { status: 422, body: invalid }, 'validation', 'lines[0].sku: required'],
  ['400', { status: 400, body: { error: 'bad_request' } }, 'validation'],
  ['401', { status: 401, body: { error: 'unauthorized' } }, 'auth'],
  ['403', { status: 403, body: { error: 'forbidden' } }, 'permission'],
  ['404 (wrong base URL)', { status: 404, body: { error: 'not_found' } }, 'contract_mismatch'],
  [
    '429',
    { status: 429, body: { error: 'rate_limited' }, headers: { 'retry-after': '3' } },
    'rate_limited',
  ],
  ['500', { status: 500, body: { error: 'internal' } }, 'provider_outage'],
  ['503', { status: 503, body: { error: 'unavailable' } }, 'provider_outage'],
  ['201 without a record', { status: 201, body: { ok: true } }, 'contract_mismatch'],
  ['201 with a non-JSON body', { status: 201, raw: '<html>ok</html>' }, 'contract_mismatch'],
  ['204', { status: 204 }, 'contract_mismatch'],
  ['no answer in time', 'hang', 'timeout'],
];

describe('ERP classification', () => {
  it.each(TABLE)('%s -> %s', async (_label, answer, errorClass, inMessage) => {
    suite.stub.on('POST', '/api/v1/payments', answer);
    const outcome = await recordPayment();
    expect(outcome).toMatchObject({ kind: 'failure', errorClass });
    if (inMessage && outcome.kind === 'failure') expect(outcome.message).toContain(inMessage);
    if (errorClass === 'rate_limited') expect(outcome).toMatchObject({ retryAfterMs: 3000 });
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  });

  it('an unreachable ERP is a provider outage', async () => {
    const closed = await startProviderStub();
    await closed.close();
    const op = erpAdapter.operations.record_payment!;
    const outcome = await op.execute(
      { ...suite.ctx, baseUrl: closed.url },
      op.input.parse(payment),
      {
        idempotencyKey: 'k',
        mayHaveBeenSent: false,
      },
    );
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'provider_outage' });
  });

  it('scrubs our key when the ERP echoes it back', async () => {
    suite.stub.on('POST', '/api/v1/payments', (req) => ({
      status: 401,
      body: { error: `invalid key ${String(req.headers.authorization)}`, debug: { seen: [KEY] } },
    }));
    const outcome = await recordPayment();
    expect(outcome.kind).toBe('failure');
    expect(JSON.stringify(outcome.exchange.responseBody)).toContain('[redacted]');
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  });
});
