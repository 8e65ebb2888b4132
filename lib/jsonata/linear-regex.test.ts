import { describe, expect, it } from 'vitest';
import { LinearRegExp, UnsupportedRegexError } from './linear-regex';

/** Every exec of a global pattern over `input`, as [match, index, groups…, lastIndex after]. */
function execAll(
  re: { exec(s: string): RegExpExecArray | null; lastIndex: number },
  input: string,
) {
  const out: unknown[] = [];
  for (let i = 0; i < 10; i++) {
    const m = re.exec(input);
    out.push(m === null ? null : [...m, m.index, re.lastIndex]);
    if (m === null || m[0] === '') break;
  }
  return out;
}

describe('LinearRegExp', () => {
  it.each([
    [/(\d+)-(\d+)?/g, 'a 12-34 5- 6'],
    [/[a-z]+/gi, 'Tea MUG tea-1'],
    [/^x.$/gm, 'xa\nxb\ny'],
    [/(?<year>\d{4})/g, 'in 2026 and 2027'],
    [/\u00e9|\//g, 'café/crème'],
    [/a*/g, 'baa'],
    [/z/g, 'abc'],
  ])('execs %s over %j the way RegExp does', (native, input) => {
    const linear = new LinearRegExp(native);
    expect(execAll(linear, input)).toEqual(execAll(new RegExp(native), input));
  });

  it('starts at lastIndex and resets it when nothing more matches, like a global RegExp', () => {
    const re = new LinearRegExp(/b/g);
    re.lastIndex = 2;
    expect(re.exec('abcb')?.index).toBe(3);
    expect(re.lastIndex).toBe(4);
    expect(re.exec('abcb')).toBeNull();
    expect(re.lastIndex).toBe(0);
    re.lastIndex = 99;
    expect(re.exec('abcb')).toBeNull();
  });

  it('gives undefined for a group that did not take part in the match', () => {
    const m = new LinearRegExp(/(a)|(b)/g).exec('b');
    expect(m && [...m]).toEqual(['b', undefined, 'b']);
  });

  it('matches a catastrophic pattern for native RegExp in linear time', () => {
    const re = new LinearRegExp(/(a+)+$/g);
    expect(re.exec(`${'a'.repeat(50_000)}!`)).toBeNull();
    expect(re.exec('aaa')?.[0]).toBe('aaa');
  });

  it.each([
    [/(a)\1/, /backreferences/],
    [/a(?=b)/, /lookahead and lookbehind/],
    [/(?<!a)b/, /lookahead and lookbehind/],
    [/a{1001}/, /invalid repeat count/],
  ])('refuses %s with a reason', (pattern, reason) => {
    expect(() => new LinearRegExp(pattern)).toThrow(UnsupportedRegexError);
    expect(() => new LinearRegExp(pattern)).toThrow(reason);
    expect(() => new LinearRegExp(pattern)).toThrow(/linear-time engine \(RE2 syntax\)/);
  });

  it('refuses flags other than i, m and g', () => {
    expect(() => new LinearRegExp('a', 'y')).toThrow(/the flags "y" are not supported/);
  });
});
