// Form reading and error answers shared by the connection configuration actions (not an action
// module itself: no "use server"). Refusals keep their per-field messages for inline display.
import { z } from 'zod';
import { actionFailure, type ActionFailure } from '@/lib/http/action-result';
import type { Logger } from '@/lib/observability/logger';
import { AppError, isAppError } from '@/lib/errors';

export function textField(form: FormData, name: string, trim = true): string {
  const value = form.get(name);
  const text = typeof value === 'string' ? value : '';
  return trim ? text.trim() : text;
}

/** Blank = no limit (null); otherwise a whole number, checked by the use case. */
export function optionalCount(form: FormData, name: string): number | null {
  const text = textField(form, name);
  return text === '' ? null : Number(text);
}

export function jsonField(form: FormData, name: string): unknown {
  const text = textField(form, name);
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('VALIDATION_FAILED', `${name}: this is not valid JSON`, {
      fieldErrors: { [name]: ['this is not valid JSON — check quotes and commas'] },
    });
  }
}

const fieldErrorsOf = z.object({ fieldErrors: z.record(z.string(), z.array(z.string())) });

export function configFailure(error: unknown, log: Logger, doing: string): ActionFailure {
  const failure = actionFailure(error, log, doing);
  if (isAppError(error)) {
    const details = fieldErrorsOf.safeParse(error.details);
    if (details.success) return { ...failure, fieldErrors: details.data.fieldErrors };
    if (error.code === 'NOT_FOUND') return { ...failure, error: 'This connection does not exist.' };
  }
  return failure;
}
