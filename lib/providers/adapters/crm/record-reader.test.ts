// The CRM contact read against a local stub CRM: by the command's email, normalised back to
// upsert_customer's canonical names, 404 as "no contact", refusals classified like the upsert's.
import { describe, expect, it } from 'vitest';
import { useProviderStub } from '@/test/support/provider-stub';
import { crmAdapter } from '.';
import { contactRecord } from './record-reader';

const KEY = 'crm-secret-key-123';
const suite = useProviderStub({ apiKey: KEY });
const PATH = '/crm/v3/contacts/lars%2Bshop%40example.com';
const contact = {
  id: 'C-000001',
  email: 'lars+shop@example.com',
  given_name: 'Lars',
  family_name: 'de Vries',
  external_ref: '1047',
  phone: null,
  version: 3,
  updated_at: '2026-11-20T10:00:00.000Z',
};
const command = { email: 'lars+shop@example.com', givenName: 'Lars', familyName: 'de Vries' };
const read = (ref: { id: string | null; command: unknown }) =>
  crmAdapter.recordReaders!.upsert_customer!(suite.ctx, { businessKey: '1047', ...ref });

describe('CRM contact normalisation', () => {
  it('names the contact as upsert_customer does, with the contact id as ref and no status', () => {
    expect(contactRecord(contact, '1047')).toEqual({
      ref: 'C-000001',
      businessKey: '1047',
      status: null,
      fields: {
        email: 'lars+shop@example.com',
        givenName: 'Lars',
        familyName: 'de Vries',
        externalRef: '1047',
      },
      updatedAt: '2026-11-20T10:00:00.000Z',
    });
  });

  it('leaves out what the CRM does not hold, and refuses what is not a contact', () => {
    const bare = { id: 'C-000002', email: 'a@b.co', given_name: 'Ada', family_name: 'Ada' };
    expect(contactRecord({ ...bare, external_ref: null }, 'x')?.fields).toEqual({
      email: 'a@b.co',
      givenName: 'Ada',
      familyName: 'Ada',
    });
    expect(contactRecord({ email: 'a@b.co' }, 'x')).toBeNull();
  });
});

describe('CRM contact read', () => {
  it("GETs the contact at the command's email with the API key, whatever id the ledger holds", async () => {
    suite.stub.on('GET', PATH, { status: 200, body: contact });
    const result = await read({ id: 'C-000001', command });
    expect(suite.stub.requests).toHaveLength(1);
    expect(suite.stub.requests[0]?.headers['x-api-key']).toBe(KEY);
    expect(result).toMatchObject({ ok: true, record: { ref: 'C-000001', status: null } });
  });

  it('reads a 404 as no contact', async () => {
    suite.stub.on('GET', PATH, { status: 404, body: { error: 'not_found' } });
    expect(await read({ id: 'C-000001', command })).toMatchObject({ ok: true, record: null });
  });

  it('keeps Retry-After on a 429 and the upsert classes on other refusals', async () => {
    suite.stub.on('GET', PATH, { status: 429, headers: { 'retry-after': '3' } });
    expect(await read({ id: null, command })).toEqual({
      ok: false,
      errorClass: 'rate_limited',
      message: 'CRM contact read answered 429',
      retryAfterMs: 3000,
    });
    suite.stub.on('GET', PATH, { status: 409, body: { error: 'conflict' } });
    expect(await read({ id: null, command })).toMatchObject({ errorClass: 'rate_limited' });
    suite.stub.on('GET', PATH, { status: 401, body: { error: 'unauthorized' } });
    expect(await read({ id: null, command })).toMatchObject({ errorClass: 'auth' });
  });

  it('answers an unreadable contact as a contract mismatch and asks nothing without an email', async () => {
    suite.stub.on('GET', PATH, { status: 200, body: { ok: true } });
    expect(await read({ id: null, command })).toMatchObject({ errorClass: 'contract_mismatch' });
    suite.stub.requests.length = 0;
    expect(await read({ id: 'C-000001', command: null })).toMatchObject({
      ok: false,
      errorClass: 'contract_mismatch',
    });
    expect(suite.stub.requests).toHaveLength(0);
  });
});
