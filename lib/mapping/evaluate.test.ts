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
