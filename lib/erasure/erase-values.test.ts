import { describe, expect, it } from 'vitest';
import {
  emailPatterns,
  eraseBody,
  eraseStrings,
  eraseStructure,
  erasureMarker,
  finishBody,
  normalizeEmail,
  textEraser,
} from './erase-values';
import { erasureProof } from './erasure-proof';
import { rewriteRow } from './erase-sweeps';

const EMAIL = 'lars.jansen+993727@example.com';
const MARKER = erasureMarker(new Date('2026-12-06T23:59:00Z'));

describe('the marker', () => {
  it("names the erasure's UTC day", () => {
    expect(MARKER).toBe('[erased 2026-12-06]');
  });
});

describe('pass 1: structure', () => {
  const order = {
    order_number: 1047,
    email: EMAIL,
    phone: null,
    customer: { first_name: 'Lars', last_name: 'Jansen', note: 'call after 5' },
    shipping_address: { address1: 'Prinsengracht 263', zip: 1016, city: 'Amsterdam' },
    address: { street: 'Keizersgracht 1', lines: ['2nd floor'] },
    line_items: [{ sku: 'TENT-2P', quantity: 1 }],
    total_price: '120.00',
  };

  it('replaces the built-in personal fields and the rule paths by the marker, and collects them', () => {
    const found = new Set<string>();
    const erased = eraseStructure(
      order,
      ['$.customer.note', '$.shipping_address.*'],
      MARKER,
      found,
    );
    expect(erased).toEqual({
      order_number: 1047,
      email: MARKER,
      phone: null,
      customer: { first_name: MARKER, last_name: MARKER, note: MARKER },
      shipping_address: { address1: MARKER, zip: MARKER, city: MARKER },
      // everything under a personal field, whatever its keys
      address: { street: MARKER, lines: [MARKER] },
      line_items: [{ sku: 'TENT-2P', quantity: 1 }],
      total_price: '120.00',
    });
    expect([...found].sort()).toEqual(
      [EMAIL, 'Lars', 'Jansen', 'call after 5', 'Prinsengracht 263', '1016', 'Amsterdam']
        .concat(['Keizersgracht 1', '2nd floor'])
        .sort(),
    );
    expect(order.email).toBe(EMAIL); // the input is not changed
  });

  it('skips a rule that cannot be evaluated and keeps the rest', () => {
    const found = new Set<string>();
    const erased = eraseStructure({ a: 1, city: 'x' }, ['$[?(@.a)]', '$.city'], MARKER, found);
    expect(erased).toEqual({ a: 1, city: MARKER });
  });
});

describe('pass 2: text', () => {
  const erase = textEraser(EMAIL, ['Lars Jansen', MARKER], MARKER);

  it.each([
    ['raw', `contact ${EMAIL} refused`],
    ['upper case', `CONTACT ${EMAIL.toUpperCase()} REFUSED`],
    ['percent-encoded', `PUT http://crm.test/crm/v3/contacts/${encodeURIComponent(EMAIL)}`],
    ['encoded, lower-case hex', `/contacts/${encodeURIComponent(EMAIL).toLowerCase()}`],
    ['encoded twice', `?next=${encodeURIComponent(encodeURIComponent(EMAIL))}`],
    ['JSON-escaped @', `{"email":"${EMAIL.replace('@', '\\u0040')}"}`],
  ])('removes the address %s', (_, text) => {
    const out = erase(text);
    expect(out).toContain(MARKER);
    expect(out.toLowerCase()).not.toContain('jansen');
    expect(out.toLowerCase()).not.toContain('993727');
  });

  it('replaces collected values at word boundaries only', () => {
    expect(erase('Lars Jansen at the door; Lars Jansenson is someone else')).toBe(
      `${MARKER} at the door; Lars Jansenson is someone else`,
    );
  });

  it('leaves another customer alone', () => {
    const text = 'PUT /contacts/anna.berg%40example.com for anna.berg@example.com';
    expect(erase(text)).toBe(text);
  });

  it('rewrites keys and values of a structure', () => {
    expect(
      eraseStrings({ [EMAIL]: { url: `/c/${encodeURIComponent(EMAIL)}` }, n: 3 }, erase),
    ).toEqual({ [MARKER]: { url: `/c/${MARKER}` }, n: 3 });
  });
});

describe('bodies', () => {
  it('a JSON body is rewritten as JSON; an unchanged one keeps its bytes', () => {
    const found = new Set<string>();
    const raw = `{ "email": "${EMAIL}", "note": "ring Lars Jansen" , "name": "Lars Jansen" }`;
    const pass1 = eraseBody(raw, [], MARKER, found);
    const out = finishBody(raw, pass1, textEraser(EMAIL, found, MARKER));
    expect(JSON.parse(out ?? '')).toEqual({ email: MARKER, note: `ring ${MARKER}`, name: MARKER });
    const other = '{ "sku": "TENT",  "note": "for anna@example.com" }';
    const none = new Set<string>();
    expect(
      finishBody(other, eraseBody(other, [], MARKER, none), textEraser(EMAIL, [], MARKER)),
    ).toBe(null);
  });

  it('a body that is not JSON is rewritten as text', () => {
    const raw = `email=${encodeURIComponent(EMAIL)}&sku=TENT`;
    const pass1 = eraseBody(raw, ['$.email'], MARKER, new Set());
    expect(finishBody(raw, pass1, textEraser(EMAIL, [], MARKER))).toBe(`email=${MARKER}&sku=TENT`);
  });
});

describe('a swept row', () => {
  it('changes only the columns that mention the customer, with its rules on its body', () => {
    const spec = {
      columns: { body: 'body', headers: 'json', reject_reason: 'text' },
    } as const;
    const changed = rewriteRow(
      spec,
      {
        cols: {
          body: JSON.stringify({ email: EMAIL, customer: { mobile: '+31 6 1234 5678' } }),
          headers: { 'content-type': 'application/json' },
          reject_reason: null,
        },
        rules: ['$.customer.mobile'],
      },
      { email: EMAIL, marker: MARKER },
    );
    expect(Object.keys(changed)).toEqual(['body']);
    expect(JSON.parse(changed.body as string)).toEqual({
      email: MARKER,
      customer: { mobile: MARKER },
    });
  });
});

describe('search patterns and the proof', () => {
  it('finds the stored spellings with ILIKE, wildcards escaped', () => {
    const patterns = emailPatterns('a_b@example.com');
    expect(patterns).toContain('%a\\_b@example.com%');
    expect(patterns).toContain('%a\\_b\\%40example.com%');
    expect(patterns).toContain('%a\\_b\\%2540example.com%');
    expect(patterns).toContain('%a\\_b\\\\u0040example.com%');
  });

  it('is keyed, per tenant, and the same for any spelling of the address', () => {
    const a = erasureProof('instance-secret-1', 't1', EMAIL);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(erasureProof('instance-secret-1', 't1', ` ${EMAIL.toUpperCase()} `)).toBe(a);
    expect(erasureProof('instance-secret-1', 't2', EMAIL)).not.toBe(a);
    expect(erasureProof('instance-secret-2', 't1', EMAIL)).not.toBe(a);
    expect(a).not.toContain('jansen');
    expect(normalizeEmail(' A@B.C ')).toBe('a@b.c');
  });
});
