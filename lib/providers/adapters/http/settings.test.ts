// The generic kind's settings are its whole contract with the target: a misspelt field or an
// expression that does not compile must be refused when saved, with a message that says where.
import { describe, expect, it } from 'vitest';
import { HTTP_SETTINGS_EXAMPLE } from './example';
import { httpCredentials, httpSettings } from './settings';

const op = { path: '/v2/orders', response: { reference: 'data.id', status: 'data.state' } };

function messages(value: unknown): string[] {
  const parsed = httpSettings.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('generic HTTP settings schema', () => {
  it('accepts {} with every default filled in', () => {
    expect(httpSettings.parse({})).toEqual({ auth: { type: 'none' }, headers: {}, operations: {} });
  });

  it('accepts the example the console offers', () => {
    expect(httpSettings.safeParse(HTTP_SETTINGS_EXAMPLE).success).toBe(true);
  });

  it('fills the defaults of an operation', () => {
    const parsed = httpSettings.parse({ operations: { create_order: op } });
    expect(parsed.operations.create_order).toEqual({
      method: 'POST',
      path: '/v2/orders',
      query: {},
      headers: {},
      idempotency: { type: 'none' },
      response: { reference: 'data.id', status: 'data.state' },
      errors: [],
    });
  });

  it('fills the defaults of auth and signature schemes', () => {
    expect(httpSettings.parse({ auth: { type: 'api_key' } }).auth).toEqual({
      type: 'api_key',
      header: 'X-API-Key',
      prefix: '',
    });
    expect(
      httpSettings.parse({ auth: { type: 'oauth2_client_credentials', tokenUrl: '/oauth/token' } })
        .auth,
    ).toEqual({ type: 'oauth2_client_credentials', tokenUrl: '/oauth/token', clientAuth: 'body' });
    const inbound = (signature: unknown) =>
      httpSettings.parse({
        inbound: {
          signature,
          eventId: 'id',
          topic: 'type',
          objectId: 'data.id',
          businessKey: 'data.ref',
        },
      }).inbound;
    expect(inbound({ scheme: 'stripe' })?.signature).toEqual({
      scheme: 'stripe',
      header: 'Stripe-Signature',
    });
    expect(inbound({ scheme: 'hmac_hex', header: 'X-Sig' })?.signature).toEqual({
      scheme: 'hmac_hex',
      header: 'X-Sig',
      prefix: '',
    });
    expect(inbound({ scheme: 'path_token' })?.eventTypes).toEqual({});
  });

  it('is strict: an unknown field is refused at every level', () => {
    expect(messages({ auth: { type: 'none' }, baseUrl: 'x' })).toEqual([
      expect.stringContaining('baseUrl'),
    ]);
    expect(messages({ auth: { type: 'bearer', token: 'secret' } })).not.toEqual([]);
    expect(messages({ operations: { create_order: { ...op, retries: 3 } } })).toEqual([
      expect.stringContaining('retries'),
    ]);
    expect(
      messages({ operations: { create_order: { ...op, response: { ...op.response, id: 'x' } } } }),
    ).not.toEqual([]);
    expect(messages({ auth: { type: 'digest' } })).not.toEqual([]);
  });

  it('refuses an expression that does not compile, saying where and why', () => {
    const bad = messages({
      operations: { create_order: { ...op, response: { reference: 'data.(', status: 'state' } } },
    });
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(
      /^operations\.create_order\.response\.reference: not a JSONata expression: /,
    );
    expect(messages({ operations: { create_order: { ...op, body: '   ' } } })).not.toEqual([]);
  });

  it('refuses a header name that is not an HTTP token', () => {
    expect(messages({ headers: { 'Bad Header': 'x' } })).toEqual([
      'headers.Bad Header: not a valid header name',
    ]);
    expect(
      messages({ operations: { create_order: { ...op, headers: { 'X-Ok': 'a', 'X Bad': 'b' } } } }),
    ).toEqual(['operations.create_order.headers.X Bad: not a valid header name']);
    expect(messages({ headers: { 'X-Ok': 'x' } })).toEqual([]);
    expect(
      messages({
        operations: {
          create_order: { ...op, idempotency: { type: 'header', header: 'Idem:Key' } },
        },
      }),
    ).toEqual([expect.stringContaining('not a valid header name')]);
  });

  it('refuses operation names and paths that are not templates of a path', () => {
    expect(messages({ operations: { 'Create-Order': op } })).toEqual([
      'operations.Create-Order: an operation name is lower-case letters, digits and _',
    ]);
    expect(messages({ operations: { create_order: { ...op, path: 'v2/orders' } } })).toEqual([
      expect.stringContaining('a path starts with /'),
    ]);
    expect(messages({ operations: { create_order: { ...op, path: '/v2/a b' } } })).not.toEqual([]);
    expect(messages({ operations: { create_order: { ...op, path: '/v2/a#b' } } })).not.toEqual([]);
  });

  it('takes error rules by exact status or family, and only known classes', () => {
    const rules = (errors: unknown) =>
      messages({ operations: { create_order: { ...op, errors } } });
    expect(
      rules([
        { status: 409, class: 'duplicate' },
        { status: '5xx', class: 'timeout' },
      ]),
    ).toEqual([]);
    expect(rules([{ status: '3xx', class: 'validation' }])).not.toEqual([]);
    expect(rules([{ status: 99, class: 'validation' }])).not.toEqual([]);
    expect(rules([{ class: 'not_a_class' }])).not.toEqual([]);
  });

  it('keeps credentials strict and write-only shaped', () => {
    expect(httpCredentials.safeParse({ clientId: 'a', clientSecret: 'b' }).success).toBe(true);
    expect(httpCredentials.safeParse({ client_secret: 'b' }).success).toBe(false);
    expect(httpCredentials.safeParse({ token: '' }).success).toBe(false);
  });
});
