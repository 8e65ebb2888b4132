// Readers for URL query values shared by the list filters (transactions, audit log): one value,
// a list in either spelling, an ISO instant, and the "lenient" variant of a filter's fields for
// screens, where an unreadable value is dropped instead of refusing the whole page.
import { z } from 'zod';

export type QueryRaw = Record<string, string | string[] | undefined>;

/** The first value of a repeated key; '' counts as absent. */
export const single = (v: unknown) => {
  const first = Array.isArray(v) ? (v as unknown[])[0] : v;
  return first === '' || first === null ? undefined : first;
};

/** `k=a,b` (what nuqs writes) and `k=a&k=b` alike */
export const list = (v: unknown) =>
  [v]
    .flat()
    .filter((s): s is string => typeof s === 'string')
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

export const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** Each field falls back to undefined when its value cannot be read. */
export function lenientFields(fields: Record<string, z.ZodType>): Record<string, z.ZodType> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, schema]) => [key, schema.catch(undefined)]),
  );
}

/** The refinement both filters apply to their time window: `.refine(windowInOrder, windowError)`. */
export const windowInOrder = (f: { from?: Date; to?: Date }) => !f.from || !f.to || f.from <= f.to;
export const windowError = { message: 'from must not be after to', path: ['from'] };

/** C0 controls and DEL: never in an identifier, a key or a search (PostgreSQL text refuses NUL). */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Text a person or client types into a path or a search: bounded, and no NUL or other control
 *  character (PostgreSQL text refuses NUL; a query with one is the caller's error, a 422). */
export const plainText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTER.test(value), 'may not contain control characters');
