// How the connection configuration forms are read (not an action module itself: no "use server").
// Each field keeps the meaning the forms have always had: absent is blank, text is trimmed but
// secrets are not, a blank limit is "no limit" and blank settings are {}. Refusals with per-field
// messages are mapped by the action wrapper (lib/http/action-result.ts).
import { z } from 'zod';
import { isAppError } from '@/lib/errors';
import { failed, type ActionFailure } from '@/lib/http/action-result';

const blankIfAbsent = (value: unknown) => (typeof value === 'string' ? value : '');

/** A text field, trimmed; absent reads as '' so the use case's schema names what is missing. */
export const text = () => z.preprocess(blankIfAbsent, z.string().trim());

/** A secret as typed: spaces may belong to it. */
export const secretText = () => z.preprocess(blankIfAbsent, z.string());

/** Blank = no limit (null); otherwise a number, whose range the use case checks in words. */
export const optionalCount = () => text().transform((t) => (t === '' ? null : Number(t)));

/** JSON text; blank = {} (the adapter's defaults). The adapter's schema checks the value. */
export const jsonField = () =>
  text().transform((t, ctx): unknown => {
    if (t === '') return {};
    try {
      return JSON.parse(t) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'this is not valid JSON — check quotes and commas' });
      return z.NEVER;
    }
  });

/**
 * Reads the "credential.<field>" fields of a form into `credentials`, before the form's schema
 * runs; blank ones are left out so the adapter's schema names what is missing.
 */
export const withCredentials = <S extends z.ZodType>(schema: S) =>
  z.preprocess((form) => {
    if (typeof form !== 'object' || form === null) return form;
    const credentials: Record<string, string> = {};
    for (const [name, value] of Object.entries(form))
      for (const v of [value].flat() as unknown[])
        if (name.startsWith('credential.') && typeof v === 'string' && v !== '')
          credentials[name.slice('credential.'.length)] = v;
    return { ...form, credentials };
  }, schema);

/**
 * The use cases refuse an unknown connection (or another tenant's, or one whose provider is gone)
 * with NOT_FOUND "connection not found"; these forms have always said it in their own words.
 */
export async function unlessGone<R>(answer: () => Promise<R>): Promise<R | ActionFailure> {
  try {
    return await answer();
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND')
      return failed(404, 'This connection does not exist.');
    throw error;
  }
}
