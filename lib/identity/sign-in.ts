// Checking a sign-in: per-IP throttle, password, per-account lockout, and the audit trail of it
// in every tenant the person belongs to. Every refusal looks the same to the caller ('refused'),
// whatever the cause — wrong password, unknown email, locked, disabled — so the form leaks nothing;
// only a throttled address hears "try again later". The password is verified even for unknown
// emails and locked accounts, so the time taken does not tell them apart. With a second factor on,
// the right password alone answers 'second_factor_required' (the form then asks for the code); a
// wrong code counts toward the lockout like a wrong password.
import { recordAudit, type AuditActor } from '@/lib/audit';
import type { Db } from '@/lib/db';
import {
  afterFailure,
  afterSuccess,
  isLocked,
  DEFAULT_LOCKOUT,
  type LockoutPolicy,
} from './lockout';
import { hashPassword, needsRehash, SCRYPT_PARAMS } from './password';
import { isUnusablePasswordHash } from './unusable-password';
import { spendSecondFactor } from './second-factor-check';
import type { SignInThrottle } from './sign-in-throttle';

export interface SignInInput {
  email: string;
  password: string;
  /** a code from the authenticator app or a recovery code, when the form has asked for one */
  secondFactor?: string;
  ip: string;
  requestId: string | null;
}

export interface SignInDeps {
  verify: (password: string, stored: string) => Promise<boolean>;
  /** opens the sealed TOTP secret (the key ring) */
  openSecret: (sealed: string) => string;
  /** null: no Redis in this process (per-account lockout only) */
  throttle: SignInThrottle | null;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  now?: () => Date;
  lockout?: LockoutPolicy;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  /** the first tenant the person joined; the switcher changes it later */
  tenantId: string;
}

export type SignInResult =
  | { ok: true; user: SignedInUser }
  | {
      ok: false;
      reason: 'refused' | 'throttled' | 'second_factor_required' | 'second_factor_refused';
    };

type Cause = 'wrong_password' | 'wrong_second_factor' | 'locked' | 'disabled';

const REFUSED = { ok: false, reason: 'refused' } as const;

export async function signIn(db: Db, input: SignInInput, deps: SignInDeps): Promise<SignInResult> {
  const now = deps.now?.() ?? new Date();
  const verdict = deps.throttle ? await deps.throttle.take(input.ip) : 'unavailable';
  if (verdict === 'throttled') {
    deps.log.warn({ ip: input.ip }, 'sign-in throttled: too many attempts from this address');
    return { ok: false, reason: 'throttled' };
  }
  const email = input.email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      passwordHash: true,
      disabledAt: true,
      totpEnabledAt: true,
      totpSecretEncrypted: true,
      memberships: { select: { tenantId: true }, orderBy: { createdAt: 'asc' } },
    },
  });
  // An account made by single sign-on has no password (lib/identity/unusable-password.ts): the
  // dummy is verified instead, so the time taken does not tell such accounts apart either.
  const ssoOnly = user !== null && isUnusablePasswordHash(user.passwordHash);
  const passwordOk =
    (await deps.verify(
      input.password,
      ssoOnly ? DUMMY_HASH : (user?.passwordHash ?? DUMMY_HASH),
    )) && !ssoOnly;
  // A hash of weaker parameters than today's is replaced on success: only now is the password known.
  const rehashed =
    user && passwordOk && needsRehash(user.passwordHash)
      ? await hashPassword(input.password)
      : null;
  if (!user) {
    deps.log.warn({ email, ip: input.ip }, 'sign-in refused: no account with this email');
    return REFUSED;
  }
  const tenantIds = user.memberships.map((m) => m.tenantId);
  const result = await db.$transaction(async (tx) => {
    // The row lock serialises concurrent attempts on one account, so five parallel wrong
    // passwords count as five.
    const [row] = await tx.$queryRaw<
      { failed_sign_ins: number; locked_until: Date | null; totp_last_step: bigint | null }[]
    >`SELECT failed_sign_ins, locked_until, totp_last_step FROM users
      WHERE id = ${user.id}::uuid FOR UPDATE`;
    if (!row) return REFUSED;
    const state = { failedSignIns: row.failed_sign_ins, lockedUntil: row.locked_until };
    const audit = async (
      action:
        'auth.signed_in' | 'auth.sign_in_failed' | 'auth.locked_out' | 'auth.recovery_code_used',
      actor: AuditActor,
      after: Record<string, unknown>,
    ) => {
      for (const tenantId of tenantIds)
        await recordAudit(tx, {
          tenantId,
          actor,
          requestId: input.requestId,
          event: { action, objectType: 'user', objectId: user.id, after },
          at: now,
        });
    };
    const stranger: AuditActor = { userId: null, tokenId: null, label: `sign-in from ${input.ip}` };
    const refuse = async (cause: Cause, extra: Record<string, unknown> = {}) => {
      await audit('auth.sign_in_failed', stranger, {
        email: user.email,
        cause,
        ip: input.ip,
        ...extra,
      });
      return REFUSED;
    };
    if (user.disabledAt) return refuse('disabled');
    if (isLocked(state, now))
      return refuse('locked', { lockedUntil: state.lockedUntil?.toISOString() });
    let secondFactor: Awaited<ReturnType<typeof spendSecondFactor>> = null;
    if (passwordOk && user.totpEnabledAt) {
      if (!input.secondFactor?.trim())
        return { ok: false, reason: 'second_factor_required' } as const;
      secondFactor = await spendSecondFactor(tx, {
        user: { ...user, totpLastStep: row.totp_last_step },
        code: input.secondFactor,
        now,
        open: deps.openSecret,
      });
    }
    const secondFactorWrong = passwordOk && user.totpEnabledAt !== null && !secondFactor;
    // No password can be right for an SSO-only account: nothing to lock (a stranger's guesses must
    // not keep the person out of single sign-on).
    if (ssoOnly) return refuse('wrong_password', { ssoOnly: true });
    if (!passwordOk || secondFactorWrong) {
      const next = afterFailure(state, now, deps.lockout ?? DEFAULT_LOCKOUT);
      await tx.user.update({
        where: { id: user.id },
        data: { failedSignIns: next.failedSignIns, lockedUntil: next.lockedUntil },
      });
      await refuse(secondFactorWrong ? 'wrong_second_factor' : 'wrong_password', {
        consecutiveFailures: next.lockedNow
          ? (deps.lockout ?? DEFAULT_LOCKOUT).maxFailures
          : next.failedSignIns,
      });
      if (next.lockedNow)
        await audit('auth.locked_out', stranger, {
          email: user.email,
          ip: input.ip,
          lockedUntil: next.lockedUntil?.toISOString(),
        });
      return secondFactorWrong && !next.lockedNow
        ? ({ ok: false, reason: 'second_factor_refused' } as const)
        : REFUSED;
    }
    const tenantId = tenantIds[0];
    if (!tenantId) return REFUSED; // a person with no tenant has nothing to sign in to
    await tx.user.update({
      where: { id: user.id },
      data: { ...afterSuccess(), lastSignInAt: now },
    });
    if (rehashed)
      // only over the hash just verified: a password changed meanwhile stays
      await tx.user.updateMany({
        where: { id: user.id, passwordHash: user.passwordHash },
        data: { passwordHash: rehashed },
      });
    await audit(
      'auth.signed_in',
      { userId: user.id, tokenId: null, label: user.name },
      { ip: input.ip, ...(secondFactor && { secondFactor: secondFactor.method }) },
    );
    if (secondFactor?.method === 'recovery_code')
      await audit(
        'auth.recovery_code_used',
        { userId: user.id, tokenId: null, label: user.name },
        { ip: input.ip, remaining: secondFactor.remaining },
      );
    return {
      ok: true,
      user: { id: user.id, email: user.email, name: user.name, tenantId },
    } as const;
  });
  if (result.ok) await deps.throttle?.release(input.ip);
  else if (!tenantIds.length)
    deps.log.warn({ userId: user.id }, 'sign-in refused: the account belongs to no tenant');
  else deps.log.info({ userId: user.id, ip: input.ip }, 'sign-in refused');
  return result;
}

/** A well-formed scrypt hash of nothing anyone knows: unknown emails cost the same work. */
export const DUMMY_HASH = `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
