// A signed-in person replaces their own password. The current password is asked for again: a
// session left open on a shared computer must not be enough to take the account over. A wrong one
// counts toward the sign-in lockout (lib/identity/lockout.ts), so a stolen cookie cannot be used
// to guess it either. On success every other session of the person ends in the same transaction
// (the one they changed it from stays), and the change is audited in every tenant they belong to,
// never with a password.
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { auditEverywhere } from './audit-everywhere';
import { afterFailure, afterSuccess, isLocked } from './lockout';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-rules';
import { endUserSessions } from './user-session';

export const WRONG_CURRENT_PASSWORD = 'Your current password is not right. Type it again.';
export const SAME_PASSWORD = 'The new password is the one you have now. Choose another one.';
export const CURRENT_PASSWORD_MISSING = 'Type your current password.';

const inputSchema = z.object({
  current: z.string().max(400),
  next: z.string().max(400),
});

export interface ChangePasswordInput extends z.input<typeof inputSchema> {
  userId: string;
  /** the session the change is made from: it stays signed in */
  currentSessionId: string | null;
  /** the person's name, as the audit log shows them */
  label: string;
  requestId?: string | null;
  now?: Date;
}

export async function changeOwnPassword(
  db: Db,
  input: ChangePasswordInput,
  deps: { verify?: typeof verifyPassword } = {},
): Promise<{ otherSessionsEnded: number }> {
  const { current, next } = inputSchema.parse(input);
  // No password is not a guess: a form sent before it was filled in costs no lockout attempt.
  if (current === '') throw new AppError('VALIDATION_FAILED', CURRENT_PASSWORD_MISSING);
  const now = input.now ?? new Date();
  const verify = deps.verify ?? verifyPassword;
  const user = await db.user.findUnique({
    where: { id: input.userId },
    select: {
      email: true,
      passwordHash: true,
      failedSignIns: true,
      lockedUntil: true,
      memberships: { select: { tenantId: true } },
    },
  });
  if (!user) throw new AppError('NOT_FOUND', 'Your account no longer exists.');
  if (isLocked(user, now))
    throw new AppError(
      'CONFLICT',
      'Your account is locked after too many wrong passwords. Try again later.',
    );
  if (!user.passwordHash || !(await verify(current, user.passwordHash))) {
    const state = afterFailure(user, now);
    await db.user.update({
      where: { id: input.userId },
      data: { failedSignIns: state.failedSignIns, lockedUntil: state.lockedUntil },
    });
    throw new AppError('VALIDATION_FAILED', WRONG_CURRENT_PASSWORD);
  }
  if (next === current) throw new AppError('VALIDATION_FAILED', SAME_PASSWORD);
  const problem = passwordProblem(next, user.email);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const passwordHash = await hashPassword(next);
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: input.userId },
      data: { passwordHash, ...afterSuccess() },
    });
    const otherSessionsEnded = await endUserSessions(
      tx,
      input.userId,
      input.currentSessionId ? { except: input.currentSessionId } : {},
    );
    await auditEverywhere(
      tx,
      user.memberships.map((m) => m.tenantId),
      {
        actor: { userId: input.userId, tokenId: null, label: input.label },
        requestId: input.requestId ?? null,
        at: now,
        action: 'auth.password_changed',
        userId: input.userId,
        after: { browsersSignedOut: otherSessionsEnded },
      },
    );
    return { otherSessionsEnded };
  });
}
