import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pgJson } from './pg-json';

/** What PostgreSQL is to receive: every U+0000 in any string (keys too) as U+FFFD. */
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [withoutNul(k) as string, withoutNul(v)]),
    );
  return value;
}

// Strings built from the characters that make the escape ambiguous: NUL, backslash, "u", "0".
const tricky = fc.string({ unit: fc.constantFrom('\u0000', '\\', 'u', '0', 'a', '"') });

describe('pgJson', () => {
  it('writes no NUL escape, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.array(tricky), (value, strings) => {
        const doc = { value, strings, [strings.join('')]: strings };
        const json = pgJson(doc);
        // compared after a JSON round trip: -0 is written as 0, as JSON.stringify always did
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(withoutNul(doc))));
        expect(json.replaceAll('\\\\', '')).not.toContain('\\u0000');
      }),
      { numRuns: 500 },
    );
  });

  it('keeps an escaped backslash followed by "u0000" as text', () => {
    expect(JSON.parse(pgJson({ path: 'C:\\u0000' }))).toEqual({ path: 'C:\\u0000' });
    expect(JSON.parse(pgJson(['\\\u0000']))).toEqual(['\\\uFFFD']);
  });
});
