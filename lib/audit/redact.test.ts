import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('keeps the presence of secret-named keys but not their values, at any depth', () => {
    expect(
      redactSecrets({
        name: 'Warehouse',
        apiKey: 'sk_live_1',
        settings: { webhookSecret: 'whsec_1', baseUrl: 'https://wms', auth: { password: 'p' } },
      }),
    ).toEqual({
      name: 'Warehouse',
      apiKey: REDACTED,
      settings: { webhookSecret: REDACTED, baseUrl: 'https://wms', auth: { password: REDACTED } },
    });
  });

  it('looks inside arrays, including arrays of objects', () => {
    expect(
      redactSecrets({ secrets: [{ id: 1, value: 'a' }], keys: [{ id: 'k1', private_key: 'pem' }] }),
    ).toEqual({ secrets: REDACTED, keys: [{ id: 'k1', private_key: REDACTED }] });
    expect(redactSecrets([{ token: 't' }, 'plain'])).toEqual([{ token: REDACTED }, 'plain']);
  });

  it.each([
    'Authorization',
    'client_secret',
    'API-KEY',
    'sessionCookie',
    'signing_key',
    'credentials',
    'passwd',
  ])('redacts %s', (key) => {
    expect(redactSecrets({ [key]: 'value' })).toEqual({ [key]: REDACTED });
  });

  it('leaves an absent secret absent and ordinary values alone', () => {
    expect(redactSecrets({ token: null, note: 'tokenless' })).toEqual({
      token: null,
      note: 'tokenless',
    });
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets(7)).toBe(7);
    const at = new Date('2026-11-23T00:00:00Z');
    expect(redactSecrets({ at })).toEqual({ at });
  });
});
