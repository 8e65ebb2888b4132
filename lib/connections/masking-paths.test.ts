import { describe, expect, it } from 'vitest';
import { maskingPathProblem, parseMaskingRules } from './masking-paths';

describe('masking paths', () => {
  it.each([
    '$.customer.email',
    '$.shipping_address.*',
    '$.line_items[*].name',
    '$.line_items[0].name',
    "$['billing address'].phone",
    '$..phone',
    '$.note_attributes[*]',
  ])('accepts %s', (path) => {
    expect(maskingPathProblem(path)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['customer.email', /start with \$/],
    ['$', /whole payload/],
    ['$.items[?(@.price > 10)]', /filters or expressions/],
    ['$.a..', /not a JSON path/],
    ['$.a b', /not a JSON path/],
    ['$[1:3]', /not a JSON path/],
    ['$.' + 'a'.repeat(400), /longer than/],
  ])('refuses %s', (path, problem) => {
    expect(maskingPathProblem(path)).toMatch(problem);
  });

  it('reads one path per line and reports bad lines by number', () => {
    const check = parseMaskingRules('$.customer.email\n\n  $.phone  \nemail\n$.customer.email\n');
    expect(check.rules).toEqual(['$.customer.email', '$.phone']);
    expect(check.problems).toEqual([
      { line: 4, path: 'email', problem: expect.stringMatching(/start with \$/) as string },
    ]);
  });
});
