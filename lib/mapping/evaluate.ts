// A mapping version turns the source payload into the target operation's canonical command with
// a JSONata expression; the operation's schema then checks the result. Failures are values with
// a readable message: they become the `mapping` error class, never an exception.
import type { z } from 'zod';
import { guardedExpression } from '@/lib/jsonata/guarded';

export { EVALUATION_GUARD, MAX_EXPRESSION_BYTES } from '@/lib/jsonata/guarded';

export type MappingResult<T> = { ok: true; command: T } | { ok: false; message: string };

export async function evaluateMapping<T>(
  mapping: { id: string; expression: string },
  payload: unknown,
  schema: z.ZodType<T>,
): Promise<MappingResult<T>> {
  let output: unknown;
  try {
    output = (await guardedExpression(mapping.expression, `mapping:${mapping.id}`).evaluate(
      payload,
    )) as unknown;
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
