// Path parameters that are UUIDs, in their canonical lower-case form. `z.uuid()` accepts upper
// case, and PostgreSQL's uuid type finds the row either way, but ids also travel as text: into
// audit entries' object ids and timeline facts, where the upper-case spelling of a known id would
// not match the rows that spell it as PostgreSQL does (filtering the audit log by the id would miss
// them), and into "what changed" comparisons with the stored id.
import type { z } from 'zod';

type ZodInternals = { _zod?: { def?: { format?: string; shape?: Record<string, unknown> } } };

/** The fields of an object schema declared as z.uuid(). */
function uuidFields(schema: z.ZodType | undefined): string[] {
  const shape = (schema as ZodInternals | undefined)?._zod?.def?.shape;
  if (!shape) return [];
  return Object.entries(shape)
    .filter(([, field]) => (field as ZodInternals)._zod?.def?.format === 'uuid')
    .map(([name]) => name);
}

export function canonicalIds<T>(schema: z.ZodType | undefined, parsed: T): T {
  const fields = uuidFields(schema);
  if (fields.length === 0 || typeof parsed !== 'object' || parsed === null) return parsed;
  const out: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  for (const name of fields) {
    const value = out[name];
    if (typeof value === 'string') out[name] = value.toLowerCase();
  }
  return out as T;
}
