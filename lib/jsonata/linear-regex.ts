// The regular expressions of a mapping ($match, $replace, $contains, $split with /…/) run on RE2
// (the pure-JS re2js port), not on V8's backtracking engine: a pattern such as /(a+)+$/ against
// "aaaa…!" takes time exponential in the input on RegExp, and one RegExp call cannot be
// interrupted by JSONata's time budget, so it would block the shared worker. RE2 matches in time
// linear in the input, always. The price: no backreferences (\1) and no lookaround ((?=, (?!,
// (?<=, (?<!), refused when a mapping is saved or test-run (findUnsupportedRegex).
//
// JSONata (2.x, `jsonata(expr, { RegexEngine })`) constructs the engine with the RegExp its
// parser made (flags: i and m from the expression, g always), sets `lastIndex` and calls `exec`;
// it reads match[0], match[1..], match.index and, afterwards, lastIndex. LinearRegExp implements
// exactly that contract, with RegExp's global semantics.
import { RE2JS } from 're2js';

/** The compiled patterns, by flags and source; mapping patterns are few and reused per item. */
const compiledPatterns = new Map<string, RE2JS>();
const MAX_CACHED = 500;

/** A pattern RE2 cannot run: the message says what to change. */
export class UnsupportedRegexError extends Error {
  readonly code = 'UNSUPPORTED_REGEX';
  constructor(
    readonly pattern: string,
    detail: string,
  ) {
    super(
      `the regular expression /${pattern}/ cannot run: ${detail}. Mappings run regular ` +
        'expressions on a linear-time engine (RE2 syntax), without backreferences or lookaround',
    );
    this.name = 'UnsupportedRegexError';
  }
}

/** What RE2 said, in words a mapping author can act on. */
function explain(source: string, re2Message: string): string {
  if (/\(\?<?[=!]/.test(source))
    return 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported';
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences (\\1, \\k<name>) are not supported';
  return re2Message.replace(/^error parsing regexp: /, '');
}

function compilePattern(source: string, flags: string): RE2JS {
  const key = `${flags}/${source}`;
  let re = compiledPatterns.get(key);
  if (re) return re;
  try {
    // translateRegExp carries i and m as inline flags and turns JS-only syntax (named groups
    // (?<n>…), \u00e9, \cA, [^]) into RE2's.
    re = RE2JS.compile(RE2JS.translateRegExp(new RegExp(source, flags.replace('g', ''))));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UnsupportedRegexError(source, explain(source, message));
  }
  if (compiledPatterns.size >= MAX_CACHED) compiledPatterns.clear();
  compiledPatterns.set(key, re);
  return re;
}

/**
 * Throws UnsupportedRegexError when RE2 cannot run the pattern; returns nothing otherwise.
 * Only flags JSONata allows (i, m, g) are expected.
 */
export function assertLinearRegex(pattern: RegExp): void {
  compilePattern(pattern.source, pattern.flags);
}

/** The subset of RegExp that JSONata uses, backed by RE2. */
export class LinearRegExp {
  readonly source: string;
  readonly flags: string;
  readonly global: boolean;
  lastIndex = 0;
  private readonly re: RE2JS;

  constructor(pattern: RegExp | string, flags?: string) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source;
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    if (/[^gim]/.test(this.flags))
      throw new UnsupportedRegexError(this.source, `the flags "${this.flags}" are not supported`);
    this.global = this.flags.includes('g');
    this.re = compilePattern(this.source, this.flags);
  }

  exec(input: string): RegExpExecArray | null {
    const from = this.global ? this.lastIndex : 0;
    if (from > input.length) {
      this.lastIndex = 0;
      return null;
    }
    const matcher = this.re.matcher(input);
    if (!matcher.find(from)) {
      if (this.global) this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= matcher.groupCount(); g++) groups.push(matcher.group(g) ?? undefined);
    const result = Object.assign(groups, {
      index: matcher.start(),
      input,
      groups: undefined,
    }) as unknown as RegExpExecArray;
    if (this.global) this.lastIndex = matcher.end();
    return result;
  }

  test(input: string): boolean {
    return this.exec(input) !== null;
  }

  toString(): string {
    return `/${this.source}/${this.flags}`;
  }
}

/**
 * The value for `jsonata(expr, { RegexEngine })`. JSONata's type asks for RegExpConstructor but
 * only constructs and calls exec (see the header); the cast states that narrower contract.
 */
export const LINEAR_REGEX_ENGINE = LinearRegExp as unknown as RegExpConstructor;
