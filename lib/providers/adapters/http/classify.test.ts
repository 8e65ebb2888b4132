// A generic connection's failures: its own rules first (exact status, a family, a JSONata test over
// the body, a custom message), then the defaults every coded adapter starts from.
import { describe, expect, it } from 'vitest';
import type { ResponseHeaders } from '../../http';
import { classifyFailure, describeBody } from './classify';
import { errorRule, type ErrorRule } from './settings';

const noHeaders: ResponseHeaders = { get: () => null };
const headers = (values: Record<string, string>): ResponseHeaders => ({
  get: (name) => values[name.toLowerCase()] ?? null,
});
const rules = (...raw: unknown[]): ErrorRule[] => raw.map((r) => errorRule.parse(r));
const classify = (r: ErrorRule[], status: number, body: unknown, h = noHeaders) =>
  classifyFailure(r, status, body, h, 'POST /v2/orders');

describe('classifyFailure with rules', () => {
  it('matches an exact status, in order: the first rule that applies names the class', async () => {
    const r = rules(
      { status: 409, class: 'business_rule' },
      { status: 409, class: 'duplicate' },
      { status: 422, class: 'business_rule' },
    );
    expect(await classify(r, 409, { code: 'conflict' })).toEqual({
      errorClass: 'business_rule',
      message: 'POST /v2/orders answered 409: conflict',
    });
    expect((await classify(r, 400, {})).errorClass).toBe('validation');
  });

  it('matches a family, and a rule without status matches any failure', async () => {
    const r = rules({ status: '5xx', class: 'timeout' }, { status: '4xx', class: 'permission' });
    expect((await classify(r, 503, null)).errorClass).toBe('timeout');
    expect((await classify(r, 599, null)).errorClass).toBe('timeout');
    expect((await classify(r, 404, null)).errorClass).toBe('permission');
    expect((await classify(rules({ class: 'business_rule' }), 418, null)).errorClass).toBe(
      'business_rule',
    );
  });

  it('applies a rule only when its `when` expression is truthy ($status bound)', async () => {
    const r = rules(
      { status: 422, when: "code = 'unknown_sku'", class: 'missing_dependency' },
      { when: '$status = 400 and reason = "closed"', class: 'business_rule' },
    );
    expect((await classify(r, 422, { code: 'unknown_sku' })).errorClass).toBe('missing_dependency');
    expect((await classify(r, 422, { code: 'other' })).errorClass).toBe('validation');
    expect((await classify(r, 400, { reason: 'closed' })).errorClass).toBe('business_rule');
    expect((await classify(r, 401, { reason: 'closed' })).errorClass).toBe('auth');
  });

  it('binds $header(name) in `when` and `message`', async () => {
    const r = rules({
      when: "$header('x-reason') = 'closed'",
      class: 'business_rule',
      message: "'account ' & $header('x-reason')",
    });
    const closed = await classify(r, 403, {}, headers({ 'x-reason': 'closed' }));
    expect(closed).toEqual({
      errorClass: 'business_rule',
      message: 'POST /v2/orders answered 403: account closed',
    });
    expect((await classify(r, 403, {}, headers({ 'x-reason': 'other' }))).errorClass).toBe(
      'permission',
    );
    expect((await classify(r, 403, {})).errorClass).toBe('permission');
  });

  it('skips a rule whose `when` fails to evaluate instead of throwing', async () => {
    const r = rules({ when: '$error("no")', class: 'business_rule' });
    expect((await classify(r, 422, {})).errorClass).toBe('validation');
  });

  it('uses the custom message, or the body words when it yields nothing', async () => {
    const r = rules({
      status: 422,
      class: 'validation',
      message: 'problems[0].text',
    });
    expect(
      (await classify(r, 422, { reference: '1047', problems: [{ text: 'bad sku' }] })).message,
    ).toBe('POST /v2/orders answered 422: bad sku');
    expect((await classify(r, 422, { message: 'nope' })).message).toBe(
      'POST /v2/orders answered 422: nope',
    );
  });

  it('keeps Retry-After on a rule match too', async () => {
    const r = rules({ status: 503, class: 'rate_limited' });
    expect(await classify(r, 503, {}, headers({ 'retry-after': '4' }))).toMatchObject({
      errorClass: 'rate_limited',
      retryAfterMs: 4000,
    });
  });
});

describe('classifyFailure defaults', () => {
  it.each([
    [401, 'auth'],
    [403, 'permission'],
    [404, 'missing_dependency'],
    [408, 'timeout'],
    [409, 'duplicate'],
    [400, 'validation'],
    [413, 'validation'],
    [422, 'validation'],
    [429, 'rate_limited'],
    [500, 'provider_outage'],
    [503, 'provider_outage'],
    [405, 'contract_mismatch'],
    [302, 'contract_mismatch'],
  ])('%i is %s', async (status, errorClass) => {
    expect((await classify([], status, {})).errorClass).toBe(errorClass);
  });

  it('honours 429 Retry-After as seconds or as an HTTP date', async () => {
    expect(await classify([], 429, {}, headers({ 'retry-after': '7' }))).toMatchObject({
      errorClass: 'rate_limited',
      retryAfterMs: 7000,
    });
    const later = new Date(Date.now() + 30_000).toUTCString();
    const dated = await classify([], 429, {}, headers({ 'retry-after': later }));
    expect(dated.retryAfterMs).toBeGreaterThan(25_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(await classify([], 429, {})).not.toHaveProperty('retryAfterMs');
  });
});

describe('describeBody', () => {
  it('names the field paths of a validation answer', () => {
    expect(
      describeBody({
        code: 'invalid_request',
        errors: [
          { field: 'recipient.name', message: 'is required' },
          { path: 'lines[0].quantity', message: 'must be >= 1' },
          { pointer: '/total' },
        ],
      }),
    ).toBe(
      'invalid_request (recipient.name: is required; lines[0].quantity: must be >= 1; /total: invalid)',
    );
  });

  it('reads the first readable field, a text body, or says there is nothing', () => {
    expect(describeBody({ error_description: 'expired', code: 'x' })).toBe('expired');
    expect(describeBody('Bad Gateway')).toBe('Bad Gateway');
    expect(describeBody(null)).toBe('no details');
    expect(describeBody({ other: 1 })).toBe('rejected');
    expect(describeBody(Object.create({ message: 'inherited' }) as unknown)).toBe('rejected');
  });
});
