import { describe, expect, it } from 'vitest';
import { effectiveSearchPaths, checkSearchPath, parseSearchPaths } from './search-paths';
import { extractSearchTerms, MAX_TERMS, normaliseTerm } from './search-terms';

describe('normaliseTerm', () => {
  it('trims, collapses inner whitespace and lower-cases', () => {
    expect(normaliseTerm('  TENT-2P-GRN ')).toBe('tent-2p-grn');
    expect(normaliseTerm('JD01 \t 4600')).toBe('jd01 4600');
  });
  it('drops control characters PostgreSQL text refuses (a NUL) and keeps nothing if only they remain', () => {
    expect(normaliseTerm('SKU\u0000-1\u001f')).toBe('sku-1');
    expect(normaliseTerm('\u0000')).toBeNull();
    expect(normaliseTerm('a\ud800b')).toBe('a\ufffdb');
  });

  it('folds compatibility forms (full-width letters and digits)', () => {
    expect(normaliseTerm('ＳＫＵ１２')).toBe('sku12');
  });
  it('keeps nothing for blanks and for values too long to be identifiers', () => {
    expect(normaliseTerm('   ')).toBeNull();
    expect(normaliseTerm('x'.repeat(101))).toBeNull();
    expect(normaliseTerm('x'.repeat(100))).toBe('x'.repeat(100));
  });
});

describe('extractSearchTerms', () => {
  const order = {
    line_items: [
      { sku: 'TENT-2P-GRN', quantity: 1 },
      { sku: 'tent-2p-grn', quantity: 2 },
      { sku: 'LAMP-HD-400', quantity: 1 },
      { sku: null },
      { sku: { nested: 'no' } },
    ],
    data: { fulfilment: { tracking_number: 'JD014600000001', lines: [{ sku: 4711 }] } },
  };

  it('finds the values at every path, distinct after normalisation, strings and numbers only', () => {
    expect(
      extractSearchTerms(order, [
        '$.line_items[*].sku',
        '$.data.fulfilment.tracking_number',
        '$.data.fulfilment.lines[*].sku',
      ]),
    ).toEqual(['tent-2p-grn', 'lamp-hd-400', 'jd014600000001', '4711']);
  });

  it('finds nothing without paths, in a payload that is not an object, or at a missing path', () => {
    expect(extractSearchTerms(order, [])).toEqual([]);
    expect(extractSearchTerms('TENT-2P-GRN', ['$.sku'])).toEqual([]);
    expect(extractSearchTerms(null, ['$.sku'])).toEqual([]);
    expect(extractSearchTerms(order, ['$.nothing.here'])).toEqual([]);
  });

  it('keeps at most MAX_TERMS terms, so a huge order costs ingest a bounded amount', () => {
    const big = { line_items: Array.from({ length: 500 }, (_, i) => ({ sku: `SKU-${i}` })) };
    const terms = extractSearchTerms(big, ['$.line_items[*].sku']);
    expect(terms).toHaveLength(MAX_TERMS);
    expect(terms[0]).toBe('sku-0');
  });

  it('does not evaluate script expressions even when a stored path carries one', () => {
    const payload = { items: [{ sku: 'A' }] };
    expect(() => extractSearchTerms(payload, ['$.items[?(@.sku)].sku'])).not.toThrow();
  });
});

describe('search paths', () => {
  it('accepts plain paths and refuses filters, the root and non-paths in words', () => {
    expect(checkSearchPath('$.line_items[*].sku')).toBeNull();
    expect(checkSearchPath("$['weird key'].value")).toBeNull();
    expect(checkSearchPath('$..tracking_number')).toBeNull();
    expect(checkSearchPath('$')).toMatch(/whole payload/);
    expect(checkSearchPath('line_items.sku')).toMatch(/must start with \$/);
    expect(checkSearchPath('$.items[?(@.sku)]')).toMatch(/filters/);
  });

  it("uses the connection's own list when it has one (even empty), else the defaults", () => {
    const defaults = ['$.line_items[*].sku'];
    expect(effectiveSearchPaths(null, defaults)).toEqual(defaults);
    expect(effectiveSearchPaths(undefined, defaults)).toEqual(defaults);
    expect(effectiveSearchPaths([], defaults)).toEqual([]);
    expect(effectiveSearchPaths(['$.po_number', 7, '$', '$.po_number'], defaults)).toEqual([
      '$.po_number',
    ]);
  });

  it('parses the editor text line by line with problems by line', () => {
    const check = parseSearchPaths('$.a\n\n  $.b  \nnot a path\n$.a');
    expect(check.paths).toEqual(['$.a', '$.b']);
    expect(check.problems).toEqual([
      { line: 4, path: 'not a path', problem: expect.stringMatching(/must start/) as string },
    ]);
  });
});
