// upsert_customer against a local stub CRM: request building and the classification table.
import { describe, expect, it } from 'vitest';
import { useProviderStub, type StubAnswer } from '@/test/support/provider-stub';
import { crmAdapter } from '.';

const KEY = 'crm-secret-key-123';
const suite = useProviderStub({ apiKey: KEY });

const PATH = '/crm/v3/contacts/lars%2Bshop%40example.com';
const contact = { id: 'C-000001', email: 'lars+shop@example.com', version: 1 };

async function upsert(command: unknown, mayHaveBeenSent = false) {
  const op = crmAdapter.operations.upsert_customer!;
  return op.execute(suite.ctx, op.input.parse(command), { idempotencyKey: 'k', mayHaveBeenSent });
}
const lars = { email: 'Lars+shop@example.com', fullName: 'Lars de Vries', externalRef: '1047' };

describe('CRM upsert_customer', () => {
  it('PUTs the split name to the contact addressed by its encoded email, with the API key', async () => {
    suite.stub.on('PUT', PATH, { status: 201, body: contact });
    const outcome = await upsert(lars);
    const [req] = suite.stub.requests;
    expect(req?.method).toBe('PUT');
    expect(req?.url).toBe(PATH);
    expect(req?.headers['x-api-key']).toBe(KEY);
    expect(req?.headers.authorization).toBeUndefined();
    expect(req?.body).toEqual({
      email: 'lars+shop@example.com',
      given_name: 'Lars',
      family_name: 'de Vries',
      external_ref: '1047',
    });
    expect(outcome).toMatchObject({
      kind: 'success',
      externalRef: 'C-000001',
      providerStatus: 'CREATED',
      alreadyApplied: false,
    });
  });

  it('omits external_ref when there is none', async () => {
    suite.stub.on('PUT', PATH, { status: 200, body: contact });
    await upsert({ email: lars.email, givenName: 'Lars', familyName: 'de Vries' });
    expect(suite.stub.requests[0]?.body).toEqual({
      email: 'lars+shop@example.com',
      given_name: 'Lars',
      family_name: 'de Vries',
    });
  });

  it('repeats the upsert itself when it may have been sent: no lookup, one call', async () => {
    suite.stub.on('PUT', PATH, { status: 200, body: { ...contact, version: 2 } });
    const outcome = await upsert(lars, true);
    expect(suite.stub.requests.map((r) => r.method)).toEqual(['PUT']);
    expect(outcome).toMatchObject({ kind: 'success', providerStatus: 'UPDATED' });
  });
});

const validation = {
  error: 'validation_failed',
  errors: [{ path: 'family_name', message: 'required' }],
};
const TABLE: [string, StubAnswer, string, string?][] = [
  [
    '409 conflict',
    { status: 409, body: { error: 'conflict', message: 'contact is being modified' } },
    'rate_limited',
    'concurrent modification',
  ],
  [
    '422 validation_failed',
    { status: 422, body: validation },
    'validation',
    'family_name: required',
  ],
  ['400', { status: 400, body: { error: 'bad_request' } }, 'validation'],
  ['401', { status: 401, body: { error: 'unauthorized' } }, 'auth'],
  ['403', { status: 403, body: { error: 'forbidden' } }, 'permission'],
  ['404 (wrong base URL)', { status: 404, body: { error: 'not_found' } }, 'contract_mismatch'],
  [
    '429',
    { status: 429, body: { error: 'rate_limited' }, headers: { 'retry-after': '4' } },
    'rate_limited',
  ],
  ['500', { status: 500, body: { error: 'internal' } }, 'provider_outage'],
  ['503', { status: 503, body: { error: 'unavailable' } }, 'provider_outage'],
  ['200 without an id', { status: 200, body: { email: 'x' } }, 'contract_mismatch'],
  ['202', { status: 202, body: contact }, 'contract_mismatch'],
  ['no answer in time', 'hang', 'timeout'],
];

describe('CRM classification', () => {
  it.each(TABLE)('%s -> %s', async (_label, answer, errorClass, inMessage) => {
    suite.stub.on('PUT', PATH, answer);
    const outcome = await upsert(lars);
    expect(outcome).toMatchObject({ kind: 'failure', errorClass });
    if (inMessage && outcome.kind === 'failure') expect(outcome.message).toContain(inMessage);
    if (_label === '429') expect(outcome).toMatchObject({ retryAfterMs: 4000 });
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  });

  it('scrubs our key when the CRM echoes it back', async () => {
    suite.stub.on('PUT', PATH, (req) => ({
      status: 401,
      body: { error: `unknown key ${String(req.headers['x-api-key'])}` },
    }));
    const outcome = await upsert(lars);
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'auth' });
    expect(JSON.stringify(outcome)).not.toContain(KEY);
    expect(JSON.stringify(outcome)).toContain('[redacted]');
  });
});
