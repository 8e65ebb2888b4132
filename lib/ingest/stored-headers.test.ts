import { PEER_HEADER, peerHeaderValue } from '@/lib/base/client-address';
import { describe, expect, it } from 'vitest';
import { storedHeaders } from './stored-headers';

const SHOPIFY_SECRET_HEADERS = ['x-shopify-hmac-sha256'];

describe('storedHeaders', () => {
  it('redacts the source signature header and keeps the others', () => {
    const headers = new Headers({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/paid',
      'x-shopify-hmac-sha256': 'c2lnbmF0dXJl',
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    });
    expect(storedHeaders(headers, SHOPIFY_SECRET_HEADERS)).toEqual({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/paid',
      'x-shopify-hmac-sha256': '[redacted]',
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    });
  });

  it.each(['authorization', 'cookie', 'x-api-key'])(
    'always redacts %s, even with no source secret headers',
    (name) => {
      const headers = new Headers({
        [name]: 'Bearer very-secret',
        'user-agent': 'Shopify-Captain-Hook',
      });
      expect(storedHeaders(headers, [])).toEqual({
        [name]: '[redacted]',
        'user-agent': 'Shopify-Captain-Hook',
      });
    },
  );

  it('matches incoming header names case-insensitively (Headers lower-cases them)', () => {
    const headers = new Headers({
      Authorization: 'Basic abc',
      'X-Shopify-Hmac-Sha256': 'sig',
      'X-Shopify-Topic': 'orders/paid',
    });
    expect(storedHeaders(headers, SHOPIFY_SECRET_HEADERS)).toEqual({
      authorization: '[redacted]',
      'x-shopify-hmac-sha256': '[redacted]',
      'x-shopify-topic': 'orders/paid',
    });
  });

  // Regression (lib/ingest/stored-headers.ts:5): the configured names are not lower-cased, but Headers
  // yields lower-case names, so a source declaring 'X-Signature' stores its signature in clear.
  it('redacts a secret header configured in mixed case', () => {
    const headers = new Headers({ 'x-signature': 't=1,v1=abcdef' });
    expect(storedHeaders(headers, ['X-Signature'])).toEqual({ 'x-signature': '[redacted]' });
  });

  it('returns an empty record for no headers', () => {
    expect(storedHeaders(new Headers(), SHOPIFY_SECRET_HEADERS)).toEqual({});
  });

  it('does not redact headers whose names only resemble a secret one', () => {
    const headers = new Headers({
      'x-shopify-hmac-sha256-note': 'kept',
      'x-cookie-policy': 'kept',
    });
    expect(storedHeaders(headers, SHOPIFY_SECRET_HEADERS)).toEqual({
      'x-shopify-hmac-sha256-note': 'kept',
      'x-cookie-policy': 'kept',
    });
  });

  it("never stores the web process's peer stamp, which carries its per-process secret", () => {
    const headers = new Headers({
      [PEER_HEADER]: peerHeaderValue('192.0.2.7'),
      'content-type': 'application/json',
    });
    expect(storedHeaders(headers, SHOPIFY_SECRET_HEADERS)).toEqual({
      'content-type': 'application/json',
    });
  });
});
