// The one way server actions read a form: every field as the browser sent it, a name sent several
// times (checkbox groups, multi-selects) as a list, files left out. No trimming or coercion here:
// each action's zod schema says what a field must be (`.trim()`, `listOf`, `z.coerce`).
import { z } from 'zod';

export type FormInput = Record<string, string | string[]>;

export function formInput(form: FormData): FormInput {
  const out: FormInput = {};
  // a caller that is not a browser may send no form at all: that reads as no fields
  if (!(form instanceof FormData)) return out;
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/** A field that may be sent once, several times or not at all, read as a list. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value: unknown): unknown[] =>
      value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value],
    z.array(item),
  );

/** A checkbox: present ("on", or any value) is true, absent is false. */
export const checkbox = () => z.preprocess((value) => value !== undefined, z.boolean());

/** For an action a component calls with a FormData directly (not through useActionState): the
 *  form is read the same way, and a plain value is taken as it is. */
export const formOrValue = <S extends z.ZodType>(schema: S) =>
  z.preprocess((raw) => (raw instanceof FormData ? formInput(raw) : raw), schema);
