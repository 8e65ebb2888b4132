import { describe, expect, it } from 'vitest';
import { captureHeaders, captureRequestBody, isSecretHeader, REDACTED } from './exchange-capture';
import { redactExchange, redactHeaders } from './outcome';

describe('captureHeaders', () => {
  it('keeps the headers as sent with every credential-like one redacted by name', () => {
    expect(
      captureHeaders({
        Authorization: 'Bearer wh-token-123',
        'X-API-Key': 'k-1',
        Cookie: 'sid=1',
        'Dock-Signature': 'v1=abc',
        'Idempotency-Key': 'txn-1',
        'Content-Type': 'application/json',
        accept: ['a', 'b'],
      }),
    ).toEqual({
      authorization: REDACTED,
      'x-api-key': REDACTED,
      cookie: REDACTED,
      'dock-signature': REDACTED,
      'idempotency-key': 'txn-1',
      'content-type': 'application/json',
      accept: 'a, b',
    });
  });

  it('bounds the number and length of the headers kept', () => {
    const many = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`x-h${i}`, 'v'.repeat(900)]),
    );
    const kept = captureHeaders(many);
    expect(Object.keys(kept)).toHaveLength(40);
    expect(kept['x-h0']?.length).toBeLessThanOrEqual(513);
  });

  it('knows which names are secret', () => {
    for (const name of [
      'proxy-authorization',
      'apikey',
      'x-auth-token',
      'client-secret',
      'set-cookie',
    ])
      expect(isSecretHeader(name), name).toBe(true);
    for (const name of ['idempotency-key', 'content-length', 'dock-request-id', 'retry-after'])
      expect(isSecretHeader(name), name).toBe(false);
  });
});

describe('captureRequestBody', () => {
  it('keeps JSON as sent, truncates long bodies and redacts secret form fields', () => {
    expect(captureRequestBody({ a: 1 }, '{"a":1}', false)).toEqual({ a: 1 });
    expect(captureRequestBody(undefined, undefined, false)).toBeNull();
    const long = 'x'.repeat(10_000);
    expect(captureRequestBody(long, JSON.stringify(long), false)).toMatchObject({
      truncated: true,
    });
    expect(
      captureRequestBody(
        undefined,
        'grant_type=client_credentials&client_id=c&client_secret=s3cret',
        true,
      ),
    ).toEqual({ grant_type: 'client_credentials', client_id: 'c', client_secret: REDACTED });
  });
});

describe('redaction by value', () => {
  const credentials = { apiKey: 'dock-key-0123456789', clientSecret: 'shh-secret-42' };

  it('redacts a header under any name whose value carries a credential', () => {
    expect(
      redactHeaders({ 'x-partner': 'Key dock-key-0123456789', 'x-trace': 'abc' }, credentials),
    ).toEqual({ 'x-partner': REDACTED, 'x-trace': 'abc' });
  });

  it('leaves no credential anywhere in a kept exchange', () => {
    const exchange = redactExchange(
      {
        method: 'POST',
        url: 'https://dock.example/v1/orders?key=dock-key-0123456789',
        status: 401,
        durationMs: 12,
        responseBody: { echoed: 'shh-secret-42' },
        requestHeaders: { 'x-partner': 'dock-key-0123456789', 'content-type': 'application/json' },
        requestBody: { note: 'secret shh-secret-42' },
        responseHeaders: { 'www-authenticate': 'Bearer', 'x-echo': 'shh-secret-42' },
      },
      credentials,
    );
    const text = JSON.stringify(exchange);
    expect(text).not.toContain('dock-key-0123456789');
    expect(text).not.toContain('shh-secret-42');
    expect(exchange.requestHeaders).toEqual({
      'x-partner': REDACTED,
      'content-type': 'application/json',
    });
  });
});
