// A pause needs a reason: the work it holds says who paused, when and why (the connection's and
// the flow's paused_at / paused_by / pause_reason, cleared on resume; the audit log keeps them all).
// Shared by the console's pause (./pause.ts) and a configuration document's (lib/config-as-code).
import { z } from 'zod';
import { AppError } from '@/lib/errors';

export const pauseReasonSchema = z
  .string()
  .trim()
  .min(
    3,
    'say why (at least 3 characters): the reason is shown on every transaction the pause holds',
  )
  .max(500, 'keep the reason under 500 characters');

export interface PauseColumns {
  pausedAt: Date | null;
  pausedBy: string | null;
  pauseReason: string | null;
}

/** The pause columns as a pause by `who` sets them and a resume clears them. */
export function pauseColumns(paused: boolean, reason: string | null | undefined, who: string) {
  if (!paused) return { pausedAt: null, pausedBy: null, pauseReason: null } as PauseColumns;
  const parsed = pauseReasonSchema.safeParse(reason ?? '');
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'reason required', {
      fieldErrors: { reason: parsed.error.issues.map((i) => i.message) },
    });
  return { pausedAt: new Date(), pausedBy: who, pauseReason: parsed.data } as PauseColumns;
}
