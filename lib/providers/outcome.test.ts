import { describe, expect, it } from 'vitest';
import { REDACTED } from './exchange-capture';
import { redactExchange, redactOutcome, redactText } from './outcome';
import type { ProviderExchange } from './port';

const credentials = { apiKey: 'key-0123456789abcdef', short: 'abc' };

function exchange(over: Partial<ProviderExchange> = {}): ProviderExchange {
  return {
    method: 'POST',
    url: 'https://erp.example/api/v1/sales-orders',
    status: 201,
    durationMs: 12,
    responseBody: { id: 'SO-1', lines: [{ sku: 'A', quantity: 1 }] },
    ...over,
  };
}

describe('redaction of what a provider exchange keeps', () => {
  it('redacts a credential anywhere in nested bodies, in keys too, and in the URL', () => {
    const redacted = redactExchange(
      exchange({
        url: 'https://erp.example/api?key=key-0123456789abcdef',
        responseBody: {
          debug: { echoed: ['ok', 'Bearer key-0123456789abcdef twice key-0123456789abcdef'] },
          'key-0123456789abcdef': 1,
        },
        requestBody: { note: 'key-0123456789abcdef' },
      }),
      credentials,
    );
    expect(redacted.url).toBe(`https://erp.example/api?key=${REDACTED}`);
    expect(redacted.responseBody).toEqual({
      debug: { echoed: ['ok', `Bearer ${REDACTED} twice ${REDACTED}`] },
      [REDACTED]: 1,
    });
    expect(redacted.requestBody).toEqual({ note: REDACTED });
    expect(JSON.stringify(redacted)).not.toContain('key-0123456789abcdef');
  });

  it('leaves bodies without a credential as they are, values shorter than a key included', () => {
    const original = exchange({ requestBody: { note: 'abc abc' } });
    const redacted = redactExchange(original, credentials);
    expect(redacted.responseBody).toEqual(original.responseBody);
    expect(redacted.requestBody).toEqual({ note: 'abc abc' });
  });

  it('passes an exchange it redacted of the same credentials through as is, and redacts for others', () => {
    const once = redactExchange(exchange({ responseBody: { echo: 'key-0123456789abcdef' } }), {
      other: 'other-secret-value',
    });
    expect(redactExchange(once, credentials).responseBody).toEqual({ echo: REDACTED });
    const clean = redactExchange(exchange(), credentials);
    expect(redactExchange(clean, credentials)).toBe(clean);
  });

  it('redacts a failure message and its exchange', () => {
    const outcome = redactOutcome(
      {
        kind: 'failure',
        errorClass: 'auth',
        message: 'ERP 401: key key-0123456789abcdef rejected',
        exchange: exchange({ status: 401, responseBody: 'key-0123456789abcdef' }),
      },
      credentials,
    );
    expect(outcome.kind === 'failure' && outcome.message).toBe(`ERP 401: key ${REDACTED} rejected`);
    expect(outcome.exchange.responseBody).toBe(REDACTED);
    expect(redactText('no secret here', credentials)).toBe('no secret here');
  });
});
