// Server actions answer values, never throws: the form that called one shows what went wrong in
// words, and nothing internal reaches the browser. Expected refusals (401, 403, invalid input, not
// found) keep their meaning, and the per-field messages of invalid input (zod's, or a use case's
// AppError details) stay beside their fields; anything else becomes an opaque failure with a
// reference in the log.
import { randomUUID } from 'node:crypto';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { isAppError } from '@/lib/errors';
import type { Logger } from '@/lib/observability/logger';

export interface ActionSuccess {
  ok: true;
  message: string;
}

export interface ActionFailure {
  ok: false;
  /** the HTTP status the same refusal would have on the API, so callers and tests can tell 403 */
  status: number;
  error: string;
  fieldErrors?: Record<string, string[]>;
}

export type ActionResult = ActionSuccess | ActionFailure;

export const succeeded = (message: string): ActionSuccess => ({ ok: true, message });

export const failed = (status: number, error: string): ActionFailure => ({
  ok: false,
  status,
  error,
});

const fieldErrorsOf = z.object({ fieldErrors: z.record(z.string(), z.array(z.string())) });

/**
 * Maps what an action threw to the answer its form shows. `doing` completes "your role may not
 * ..." in words a support agent reads (the permission key is for the matrix, not for people).
 */
export function actionFailure(error: unknown, log: Logger, doing: string): ActionFailure {
  // redirect(), notFound() and friends are control flow, not failures.
  unstable_rethrow(error);
  if (error instanceof z.ZodError) {
    const first = error.issues[0]?.message ?? 'invalid input';
    return {
      ...failed(422, `Check the form: ${first}.`),
      fieldErrors: z.flattenError(error).fieldErrors,
    };
  }
  if (isAppError(error)) {
    if (error.code === 'UNAUTHENTICATED')
      return failed(401, 'Your session has ended. Sign in again.');
    if (error.code === 'FORBIDDEN')
      return failed(403, `Not allowed (403): your role may not ${doing}.`);
    // A use case that refuses fields (parseOrRefuse, a taken key) names them in its details.
    const details = fieldErrorsOf.safeParse(error.details);
    const failure = failed(error.status, error.message);
    return details.success ? { ...failure, fieldErrors: details.data.fieldErrors } : failure;
  }
  const reference = randomUUID();
  log.error({ err: error, reference, doing }, 'server action failed');
  return failed(500, `Something went wrong on our side (reference ${reference}).`);
}
