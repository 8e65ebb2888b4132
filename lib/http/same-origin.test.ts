import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from './same-origin';

const headers = (h: Record<string, string>) => new Headers(h);
const APP = { appUrl: 'https://waybill.example.com' };

describe('isSameOriginRequest', () => {
  it('lets reads through whatever their origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(isSameOriginRequest(method, headers({ origin: 'https://evil.test' }), APP)).toBe(true);
  });

  it('accepts a mutation from the configured origin or the addressed host', () => {
    expect(
      isSameOriginRequest('POST', headers({ origin: 'https://waybill.example.com' }), APP),
    ).toBe(true);
    expect(
      isSameOriginRequest(
        'DELETE',
        headers({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }),
      ),
    ).toBe(true);
    expect(
      isSameOriginRequest(
        'PATCH',
        headers({
          origin: 'https://console.example.com',
          host: '10.0.0.5:3000',
          'x-forwarded-host': 'console.example.com',
        }),
      ),
    ).toBe(true);
  });

  it('refuses a foreign or spoofed Origin', () => {
    const cases = [
      { origin: 'https://evil.test', host: 'waybill.example.com' },
      // a look-alike host that merely starts or ends with ours
      { origin: 'https://waybill.example.com.evil.test', host: 'waybill.example.com' },
      { origin: 'https://evilwaybill.example.com', host: 'waybill.example.com' },
      // another port of the same machine is another origin
      { origin: 'http://127.0.0.1:4000', host: '127.0.0.1:3000' },
      { origin: 'null', host: 'waybill.example.com' },
      { origin: 'file:///tmp/x.html', host: 'waybill.example.com' },
      { origin: 'not a url', host: 'waybill.example.com' },
    ];
    for (const h of cases)
      expect(isSameOriginRequest('POST', headers(h), APP), h.origin).toBe(false);
  });

  it('without Origin, trusts only Sec-Fetch-Site: same-origin', () => {
    expect(isSameOriginRequest('POST', headers({ 'sec-fetch-site': 'same-origin' }), APP)).toBe(
      true,
    );
    for (const site of ['same-site', 'cross-site', 'none'])
      expect(isSameOriginRequest('POST', headers({ 'sec-fetch-site': site }), APP), site).toBe(
        false,
      );
    expect(isSameOriginRequest('PUT', headers({ host: 'waybill.example.com' }), APP)).toBe(false);
  });
});
