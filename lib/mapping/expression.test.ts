import { describe, expect, it } from 'vitest';
import { checkExpression, lineAndColumn, runExpression } from './expression';

describe('lineAndColumn', () => {
  it.each([
    ['abc', 0, { line: 1, column: 1 }],
    ['abc', 2, { line: 1, column: 3 }],
    ['ab\ncd', 3, { line: 2, column: 1 }],
    ['ab\ncd', 4, { line: 2, column: 2 }],
    ['ab', 99, { line: 1, column: 3 }],
  ])('%j at %i', (text, offset, expected) => {
    expect(lineAndColumn(text, offset)).toEqual(expected);
  });
});

describe('checkExpression', () => {
  it('accepts a valid expression', () => {
    expect(checkExpression('{ "a": b }')).toEqual({ ok: true });
  });

  it('points at the start of the offending token, on its line', () => {
    expect(checkExpression('{\n  "a": b,\n  "c": d "e"\n}')).toEqual({
      ok: false,
      error: {
        message: 'Expected "}", got "e"',
        code: 'S0202',
        position: 24,
        line: 3,
        column: 10,
      },
    });
  });

  it('points at the end for an unfinished expression', () => {
    const result = checkExpression('{ "a": ');
    expect(result).toMatchObject({ ok: false, error: { line: 1, column: 8 } });
  });

  it('refuses an empty expression and one over 64 KB, without a position', () => {
    expect(checkExpression('  ')).toMatchObject({
      ok: false,
      error: { message: 'the expression is empty', line: null },
    });
    const big = `"${'x'.repeat(64 * 1024)}"`;
    expect(checkExpression(big)).toMatchObject({
      ok: false,
      error: { message: 'the expression is 65 KB; the limit is 64 KB', line: null },
    });
  });
});

describe('checkExpression and regular expressions RE2 cannot run', () => {
  it('accepts the regular expressions RE2 runs', () => {
    expect(
      checkExpression('$match(a, /^(?<n>[A-Z]+)-\\d{2,4}$/i) and $contains(b, /x|y/m)'),
    ).toEqual({
      ok: true,
    });
  });

  it.each([
    [
      'a backreference',
      '{\n  "a": $match(s, /(\\w)\\1/)\n}',
      /backreferences \(\\1, \\k<name>\) are not supported/,
      2,
      18,
    ],
    [
      'a lookahead',
      '$replace(s, /a(?=b)/i, "")',
      /lookahead and lookbehind .* are not supported/,
      1,
      13,
    ],
    ['a lookbehind', '$split(s, /(?<!x)y/)', /lookahead and lookbehind/, 1, 11],
  ])(
    'refuses %s with the reason, under its line and column',
    (_, expression, reason, line, column) => {
      const result = checkExpression(expression);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'UNSUPPORTED_REGEX', line, column },
      });
      const message = result.ok ? '' : result.error.message;
      expect(message).toMatch(reason);
      expect(message).toContain('linear-time engine (RE2 syntax)');
    },
  );

  it('refuses it before a test run evaluates anything', async () => {
    await expect(runExpression('$match(s, /(a)\\1/)', { s: 'aa' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED_REGEX' },
    });
  });
});

describe('runExpression', () => {
  it('returns the output', async () => {
    await expect(runExpression('{ "n": $count(items) }', { items: [1, 2] })).resolves.toEqual({
      ok: true,
      output: { n: 2 },
    });
  });

  it('stops endless recursion with the stack guard', async () => {
    const result = await runExpression('( $f := function($n){ $n + $f($n + 1) }; $f(0) )', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'D1011' } });
  });

  it('runs a catastrophic pattern for RegExp to its answer, and the next run works', async () => {
    const runaway = '$match(s, /(x+x+)+y/)';
    await expect(runExpression(runaway, { s: `${'x'.repeat(5000)}!` })).resolves.toEqual({
      ok: true,
      output: undefined,
    });
    await expect(runExpression('$match(s, /(x+x+)+y/).match', { s: 'xxxy' })).resolves.toEqual({
      ok: true,
      output: 'xxxy',
    });
  });

  it('stops an endless loop within the time budget', async () => {
    const started = Date.now();
    const result = await runExpression('( $f := function($n){ $f($n + 1) }; $f(0) )', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'D1012' } });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
