// The editor's view of a JSONata expression: does it compile, and if not, where (line and column,
// so the error can be shown under the line that causes it); and a one-off evaluation of a draft
// under the same guard the engine uses. Drafts are compiled fresh, never cached.
import jsonata from 'jsonata';
import { EVALUATION_GUARD, MAX_EXPRESSION_BYTES } from './evaluate';
import { assertLinearRegex, UnsupportedRegexError } from '@/lib/jsonata/linear-regex';

export interface ExpressionError {
  message: string;
  /** JSONata's error code (S0202 syntax, T1006 type, D1012 timeout...), when it gave one */
  code: string | null;
  /** character offset JSONata reported (1-based end of the offending token), when it gave one */
  position: number | null;
  /** where the offending token starts, 1-based; null when JSONata named no position */
  line: number | null;
  column: number | null;
}

export type ExpressionCheck = { ok: true } | { ok: false; error: ExpressionError };
export type ExpressionRun = { ok: true; output: unknown } | { ok: false; error: ExpressionError };

/** Line and column (1-based) of a 0-based offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/**
 * Turns what JSONata threw into an ExpressionError. JSONata's `position` is the end of the
 * offending token; the start (position - token length) is where a person looks.
 */
export function toExpressionError(expression: string, thrown: unknown): ExpressionError {
  const e = (thrown ?? {}) as {
    message?: unknown;
    code?: unknown;
    position?: unknown;
    token?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : String(thrown);
  const code = typeof e.code === 'string' ? e.code : null;
  const position = typeof e.position === 'number' && e.position > 0 ? e.position : null;
  if (position === null) return { message, code, position, line: null, column: null };
  const token = typeof e.token === 'string' && e.token !== '(end)' ? e.token : '';
  // A string token is reported without its quotes; the source has them.
  const last = expression[position - 1];
  const quoted = token !== '' && (last === '"' || last === "'") && !token.endsWith(last);
  const start = Math.max(0, position - token.length - (quoted ? 2 : 0));
  return { message, code, position, ...lineAndColumn(expression, start) };
}

function tooLarge(expression: string): ExpressionError | null {
  const bytes = Buffer.byteLength(expression, 'utf8');
  if (bytes <= MAX_EXPRESSION_BYTES) return null;
  return {
    message: `the expression is ${Math.ceil(bytes / 1024)} KB; the limit is ${MAX_EXPRESSION_BYTES / 1024} KB`,
    code: null,
    position: null,
    line: null,
    column: null,
  };
}

/**
 * The first regular expression of the parsed expression that RE2 cannot run (a backreference,
 * lookaround), as an error under its line: found when the mapping is saved or test-run, not when
 * the engine dispatches with it. JSONata's regex node is { type: 'regex', value: RegExp,
 * position } (position: the end of the /…/flags token); the walk visits every object once.
 */
export function findUnsupportedRegex(expression: string, ast: unknown): ExpressionError | null {
  const seen = new Set<object>();
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const { type, value, position } = node as {
      type?: unknown;
      value?: unknown;
      position?: unknown;
    };
    if (type === 'regex' && value instanceof RegExp) {
      try {
        assertLinearRegex(value);
      } catch (error) {
        if (!(error instanceof UnsupportedRegexError)) throw error;
        const end = typeof position === 'number' ? position : 0;
        // the token as written: /source/ and its flags (the parser adds g)
        const start = Math.max(0, end - (value.source.length + 2 + value.flags.length - 1));
        return {
          message: error.message,
          code: error.code,
          position: end || null,
          ...lineAndColumn(expression, start),
        };
      }
      continue;
    }
    for (const child of Object.values(node)) if (typeof child === 'object') stack.push(child);
  }
  return null;
}

/** Compiles without evaluating: syntax errors with their line and column. */
export function checkExpression(expression: string): ExpressionCheck {
  if (expression.trim() === '')
    return {
      ok: false,
      error: {
        message: 'the expression is empty',
        code: null,
        position: null,
        line: null,
        column: null,
      },
    };
  const large = tooLarge(expression);
  if (large) return { ok: false, error: large };
  let ast: unknown;
  try {
    ast = jsonata(expression, EVALUATION_GUARD).ast();
  } catch (error) {
    return { ok: false, error: toExpressionError(expression, error) };
  }
  const regex = findUnsupportedRegex(expression, ast);
  return regex ? { ok: false, error: regex } : { ok: true };
}

/** Evaluates a draft once against `input`, within the engine's time and depth budget. */
export async function runExpression(expression: string, input: unknown): Promise<ExpressionRun> {
  const checked = checkExpression(expression);
  if (!checked.ok) return checked;
  try {
    const output = (await jsonata(expression, EVALUATION_GUARD).evaluate(input)) as unknown;
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: toExpressionError(expression, error) };
  }
}
