// A mapping version turns the source payload into the target operation's canonical command with
// a JSONata expression; the operation's schema then checks the result. Failures are values with
// a readable message: they become the `mapping` error class, never an exception.
import jsonata from 'jsonata';
import type { z } from 'zod';
import { LINEAR_REGEX_ENGINE } from './linear-regex';

export type MappingResult<T> = { ok: true; command: T } | { ok: false; message: string };

/** Stored expressions are configuration, not data: anything larger is a mistake or an attack. */
export const MAX_EXPRESSION_BYTES = 64 * 1024;
/**
 * JSONata can recurse without end or run for a long time ($f := function(){ $f() }): every
 * evaluation gets a time budget (ms) and a depth limit. The check runs at each evaluation step;
 * one built-in call that runs long on its own is not interrupted, which is why regular
 * expressions run on RE2 (linear time, ./linear-regex.ts) rather than on RegExp.
 */
export const EVALUATION_GUARD = {
  timeout: 1000,
  stack: 500,
  RegexEngine: LINEAR_REGEX_ENGINE,
} as const;

const compiled = new Map<string, ReturnType<typeof jsonata>>();
const MAX_CACHED = 500;

function compile(cacheKey: string, expression: string) {
  let expr = compiled.get(cacheKey);
  if (!expr) {
    expr = jsonata(expression, EVALUATION_GUARD);
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(cacheKey, expr);
  }
  return expr;
}

export async function evaluateMapping<T>(
  mapping: { id: string; expression: string },
  payload: unknown,
  schema: z.ZodType<T>,
): Promise<MappingResult<T>> {
  let output: unknown;
  try {
    output = (await compile(mapping.id, mapping.expression).evaluate(payload)) as unknown;
  } catch (error) {
    const e = error as { message?: string; position?: number };
    return {
      ok: false,
      message: `expression failed: ${e.message ?? String(error)}${e.position ? ` at ${e.position}` : ''}`,
    };
  }
  const result = schema.safeParse(output);
  if (!result.success)
    return {
      ok: false,
      message: `output does not match the operation: ${describeIssues(result.error).join('; ')}`,
    };
  return { ok: true, command: result.data };
}

/** The first few schema issues as "path: message" lines. */
export function describeIssues(error: z.ZodError, max = 5): string[] {
  return error.issues.slice(0, max).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

export function translateStatus(statusTable: unknown, providerStatus: string): string | undefined {
  if (statusTable && typeof statusTable === 'object' && providerStatus in statusTable) {
    const value = (statusTable as Record<string, unknown>)[providerStatus];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}
