import { describe, expect, it } from 'vitest';
import { opsAccess, opsRefusal } from './ops-access';

const TOKEN = 'a-metrics-token-of-our-own-0123456789';

describe('opsAccess', () => {
  it('grants the configured bearer token, whatever the scheme case and trailing blanks', () => {
    expect(opsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe('granted');
    expect(opsAccess(`bearer ${TOKEN} `, TOKEN)).toBe('granted');
  });

  it('tells a missing header from a wrong token', () => {
    expect(opsAccess(null, TOKEN)).toBe('missing');
    expect(opsAccess(`Bearer ${TOKEN}x`, TOKEN)).toBe('wrong');
    expect(opsAccess(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe('wrong');
    expect(opsAccess('Bearer ', TOKEN)).toBe('wrong');
    expect(opsAccess(`Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, TOKEN)).toBe('wrong');
    expect(opsAccess(TOKEN, TOKEN)).toBe('wrong');
    expect(opsAccess(`Bearer ${TOKEN} ${TOKEN}`, TOKEN)).toBe('wrong');
  });

  it('is off without a configured token, whatever is sent', () => {
    expect(opsAccess(null, undefined)).toBe('off');
    expect(opsAccess(`Bearer ${TOKEN}`, undefined)).toBe('off');
    expect(opsAccess('Bearer ', '')).toBe('off');
  });
});

describe('opsRefusal', () => {
  it('answers 404 while metrics are off, 401 with a Bearer challenge otherwise', async () => {
    const off = opsRefusal('off');
    expect(off.status).toBe(404);
    expect(await off.json()).toMatchObject({ error: 'not_found' });
    const missing = opsRefusal('missing');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="waybill-operations"');
    const wrong = opsRefusal('wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});
