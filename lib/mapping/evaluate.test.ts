import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evaluateMapping, translateStatus } from './evaluate';

const createShipment = z.object({
  reference: z.string().min(1),
  email: z.email(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
  address: z.object({ city: z.string(), country: z.string().length(2) }),
});

const order = {
  id: 820982911946154500,
  name: '#1001',
  email: 'ada@example.com',
  financial_status: 'paid',
  line_items: [
    { sku: 'TEA-1', quantity: 2, title: 'Tea' },
    { sku: 'MUG-3', quantity: 1, title: 'Mug' },
  ],
  shipping_address: { city: 'Amsterdam', country_code: 'NL', zip: '1017 AB' },
};

const EXPRESSION = `{
  "reference": name,
  "email": email,
  "lines": [line_items.{ "sku": sku, "quantity": quantity }],
  "address": { "city": shipping_address.city, "country": shipping_address.country_code }
}`;

// The compiled expression is cached by mapping id: every case uses its own id.
let seq = 0;
const mapping = (expression: string) => ({ id: `mapping-${++seq}`, expression });

describe('evaluateMapping', () => {
  it('maps a Shopify-like order to the exact command', async () => {
    await expect(evaluateMapping(mapping(EXPRESSION), order, createShipment)).resolves.toEqual({
      ok: true,
      command: {
        reference: '#1001',
        email: 'ada@example.com',
        lines: [
          { sku: 'TEA-1', quantity: 2 },
          { sku: 'MUG-3', quantity: 1 },
        ],
        address: { city: 'Amsterdam', country: 'NL' },
      },
    });
  });

  it('keeps a single line item as an array thanks to the [ ] constructor', async () => {
    const result = await evaluateMapping(
      mapping(EXPRESSION),
      { ...order, line_items: [order.line_items[0]] },
      createShipment,
    );
    expect(result).toEqual({
      ok: true,
      command: expect.objectContaining({ lines: [{ sku: 'TEA-1', quantity: 2 }] }) as unknown,
    });
  });

  it('returns ok:false with the parser message and position for a syntax error', async () => {
    await expect(
      evaluateMapping(mapping('{ "reference": name, '), order, createShipment),
    ).resolves.toEqual({
      ok: false,
      message: 'expression failed: Expected ":" before end of expression at 21',
    });
  });

  it('returns ok:false for a runtime error (calling an unknown function)', async () => {
    await expect(evaluateMapping(mapping('$nope(name)'), order, createShipment)).resolves.toEqual({
      ok: false,
      message: 'expression failed: Attempted to invoke a non-function at 6',
    });
  });

  it('names the failing field path when the output does not match the schema', async () => {
    const broken = { ...order, shipping_address: { city: 'Amsterdam', country_code: 'NLD' } };
    const result = await evaluateMapping(mapping(EXPRESSION), broken, createShipment);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^output does not match the operation: address\.country: /,
    );
  });

  it('names nested array paths', async () => {
    const broken = { ...order, line_items: [{ sku: 'TEA-1', quantity: 0 }] };
    const result = await evaluateMapping(mapping(EXPRESSION), broken, createShipment);
    expect(!result.ok && result.message).toMatch(
      /^output does not match the operation: lines\.0\.quantity: /,
    );
  });

  it('lists several failing fields separated by "; "', async () => {
    const result = await evaluateMapping(
      mapping('{ "reference": "", "email": "nope" }'),
      order,
      createShipment,
    );
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message).toContain('reference: ');
    expect(message).toContain('; email: ');
    expect(message).toContain('lines: ');
    expect(message).toContain('address: ');
  });

  it('reports (root) when the expression yields nothing', async () => {
    const result = await evaluateMapping(mapping('missing_field'), order, createShipment);
    expect(!result.ok && result.message).toMatch(
      /^output does not match the operation: \(root\): /,
    );
  });
});

describe('evaluateMapping with regular expressions (RE2, linear time)', () => {
  const anyObject = z.record(z.string(), z.unknown());

  it('runs $match, $replace, $contains and $split with regular expressions', async () => {
    const result = await evaluateMapping(
      mapping(`{
  "digits": $match(name, /\\d+/).match,
  "sku": $replace(line_items[0].sku, /^([A-Z]+)-(\\d)$/, "$2-$1"),
  "isTea": $contains(line_items[0].title, /^tea$/i),
  "zip": $split(shipping_address.zip, /\\s+/),
  "all": $match("a1b22c333", /[0-9]+/).match
}`),
      order,
      anyObject,
    );
    // JSONata returns its own sequences (arrays with extra properties): compare as JSON
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      ok: true,
      command: {
        digits: '1001',
        sku: '1-TEA',
        isTea: true,
        zip: ['1017', 'AB'],
        all: ['1', '22', '333'],
      },
    });
  });

  it('stops a catastrophic pattern: it answers at once and the next evaluation works', async () => {
    // On RegExp this takes exponential time in the number of a's and cannot be interrupted.
    const runaway = mapping(`{ "m": $match(s, /(a+)+$/), "r": $replace(s, /(a|aa)+$/, "x") }`);
    // 27 a's: seconds of RegExp on this machine, after which the time budget would fail the
    // evaluation (D1012); RE2 answers in microseconds, so the outcome, not a timing, tells them apart.
    const s = `${'a'.repeat(27)}!`;
    await expect(evaluateMapping(runaway, { s }, anyObject)).resolves.toEqual({
      ok: true,
      command: { r: s },
    });
    const long = `${'a'.repeat(200_000)}!`;
    const result = await evaluateMapping(runaway, { s: long }, anyObject);
    // linear: a result, or at worst the time budget's error; never a blocked process
    expect(result.ok || /D1012|too long/.test(result.message)).toBe(true);
    await expect(
      evaluateMapping(mapping(EXPRESSION), order, createShipment),
    ).resolves.toMatchObject({ ok: true });
  });

  it('fails a stored mapping whose pattern RE2 cannot run as a mapping error, with the reason', async () => {
    const result = await evaluateMapping(mapping('$match(name, /(\\d)\\1/)'), order, anyObject);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^expression failed: the regular expression \/\(\\d\)\\1\/ cannot run: backreferences/,
      ) as unknown,
    });
  });
});

describe('translateStatus', () => {
  const table = { paid: 'confirmed', refunded: 'cancelled', partially_paid: 42 };

  it.each([
    ['paid', 'confirmed'],
    ['refunded', 'cancelled'],
  ])('%s -> %s', (provider, internal) => {
    expect(translateStatus(table, provider)).toBe(internal);
  });

  it.each([
    ['an unknown status', table, 'pending'],
    ['a non-string table value', table, 'partially_paid'],
    ['a prototype key (toString)', table, 'toString'],
    ['a prototype key (constructor)', table, 'constructor'],
    ['a null table', null, 'paid'],
    ['an undefined table', undefined, 'paid'],
    ['a string table', 'paid', 'paid'],
    ['a case mismatch', table, 'PAID'],
  ])('misses for %s -> undefined', (_label, statusTable, provider) => {
    expect(translateStatus(statusTable, provider)).toBeUndefined();
  });
});
