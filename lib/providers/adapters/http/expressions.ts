// Evaluating the configured expressions and templates of a generic HTTP connection. Every value a
// sender or a target chooses is read with own-property lookups only (lib/base/own.ts's reason), and
// an expression that throws becomes a message, never an exception past the adapter.
import { guardedExpression } from '@/lib/jsonata/guarded';

export class ConfigEvaluationError extends Error {}

/** Evaluates one configured expression; throws ConfigEvaluationError with a readable message. */
export async function evaluate(
  expr: string,
  input: unknown,
  bindings: Record<string, unknown> = {},
  what = 'expression',
): Promise<unknown> {
  try {
    return (await guardedExpression(expr).evaluate(input, bindings)) as unknown;
  } catch (error) {
    throw new ConfigEvaluationError(`${what} \`${expr}\` failed: ${(error as Error).message}`);
  }
}

/** A scalar as text; an absent, empty, object or array value is null. */
export function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

export async function evaluateText(
  expr: string,
  input: unknown,
  bindings: Record<string, unknown> = {},
  what = 'expression',
): Promise<string | null> {
  return scalarText(await evaluate(expr, input, bindings, what));
}

function valueAt(source: unknown, path: string): unknown {
  let at: unknown = source;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\}/g;

/**
 * Fills `{name}` / `{a.b}` from `values`; `encode` URL-encodes each value (paths and query values).
 * A placeholder without a scalar value throws: a request to `/orders/` instead of `/orders/1047`
 * must not leave.
 */
export function fillTemplate(template: string, values: unknown, encode: boolean): string {
  return template.replace(PLACEHOLDER, (_whole, path: string) => {
    const text = scalarText(valueAt(values, path));
    if (text === null) throw new ConfigEvaluationError(`no value for {${path}} in ${template}`);
    return encode ? encodeURIComponent(text) : text;
  });
}

/** base URL + filled path + filled query parameters. */
export function buildUrl(
  baseUrl: string,
  path: string,
  query: Readonly<Record<string, string>>,
  values: unknown,
): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + fillTemplate(path, values, true));
  for (const [name, template] of Object.entries(query))
    url.searchParams.set(name, fillTemplate(template, values, false));
  return url.toString();
}

export function fillHeaders(
  headers: Readonly<Record<string, string>>,
  values: unknown,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, template]) => [
      name.toLowerCase(),
      fillTemplate(template, values, false),
    ]),
  );
}

/** Header names lower-cased, for `$headers` in inbound expressions. */
export function headerObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}
