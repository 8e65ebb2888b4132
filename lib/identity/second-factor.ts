// A person's own second factor: set up an authenticator app (a secret shown as a QR code, kept
// sealed with the key ring, switched on only once a code proves the app holds it), ten recovery
// codes shown once, new codes, and turning it off. Changing it asks for a current code: a session
// left open on a shared computer must not be enough to remove or replace it. Audited in every
// tenant the person belongs to; no secret or code is ever in the audit log.
import type { Db, Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { auditEverywhere, type PersonAuditAction } from './audit-everywhere';
import { spendSecondFactor } from './second-factor-check';
import {
  acceptedTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpUri,
} from './totp';

export const WRONG_SETUP_CODE =
  'That code is not right. Check the time on your phone, and type the code the app shows now.';
export const WRONG_CURRENT_CODE =
  'That code is not right. Type the code your authenticator app shows now, or an unused recovery code.';

type Sealer = Pick<KeyRing, 'seal' | 'open'>;
type Tx = Prisma.TransactionClient;

interface Person {
  userId: string;
  /** the person's name, as the audit log shows them */
  label: string;
  requestId?: string | null;
  now?: Date;
}

export interface SecondFactorStatus {
  enabledAt: Date | null;
  /** set-up started (a secret exists) and not yet confirmed */
  pending: boolean;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(db: Db, userId: string): Promise<SecondFactorStatus> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      totpEnabledAt: true,
      totpSecretEncrypted: true,
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  if (!user) throw new AppError('NOT_FOUND', 'Your account no longer exists.');
  return {
    enabledAt: user.totpEnabledAt,
    pending: !user.totpEnabledAt && user.totpSecretEncrypted !== null,
    recoveryCodesLeft: user.totpEnabledAt ? user._count.recoveryCodes : 0,
  };
}

/** Starts (or starts again) the set-up: a new secret, not yet required at sign-in. */
export async function startTotpSetup(db: Db, input: { userId: string; keyRing: Sealer }) {
  const secret = newTotpSecret();
  const started = await db.user.updateMany({
    where: { id: input.userId, totpEnabledAt: null },
    data: { totpSecretEncrypted: input.keyRing.seal(secret), totpLastStep: null },
  });
  if (started.count !== 1)
    throw new AppError('CONFLICT', 'Two-factor authentication is already on for your account.');
}

/** The secret of a set-up in progress, for the page to show as a QR code and as text. */
export async function pendingTotpSetup(
  db: Db,
  input: { userId: string; keyRing: Sealer; issuer?: string },
): Promise<{ secret: string; uri: string } | null> {
  const user = await db.user.findUnique({
    where: { id: input.userId },
    select: { email: true, totpSecretEncrypted: true, totpEnabledAt: true },
  });
  if (!user?.totpSecretEncrypted || user.totpEnabledAt) return null;
  const secret = input.keyRing.open(user.totpSecretEncrypted);
  return { secret, uri: totpUri(secret, user.email, input.issuer) };
}

/** The first code proves the app has the secret: the factor is on, with ten recovery codes. */
export async function confirmTotpSetup(
  db: Db,
  input: Person & { code: string; keyRing: Sealer },
): Promise<{ recoveryCodes: string[] }> {
  const now = input.now ?? new Date();
  const user = await db.user.findUnique({
    where: { id: input.userId },
    select: { totpSecretEncrypted: true, totpEnabledAt: true, memberships: true },
  });
  if (!user) throw new AppError('NOT_FOUND', 'Your account no longer exists.');
  if (user.totpEnabledAt)
    throw new AppError('CONFLICT', 'Two-factor authentication is already on for your account.');
  if (!user.totpSecretEncrypted)
    throw new AppError('CONFLICT', 'Start the set-up first: it shows the QR code to scan.');
  const step = acceptedTotpStep(
    input.keyRing.open(user.totpSecretEncrypted),
    input.code,
    now,
    null,
  );
  if (step === null) throw new AppError('VALIDATION_FAILED', WRONG_SETUP_CODE);
  const recoveryCodes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const on = await tx.user.updateMany({
      where: {
        id: input.userId,
        totpEnabledAt: null,
        totpSecretEncrypted: user.totpSecretEncrypted,
      },
      data: { totpEnabledAt: now, totpLastStep: BigInt(step) },
    });
    if (on.count !== 1)
      throw new AppError(
        'CONFLICT',
        'The set-up changed meanwhile. Reload the page and start again.',
      );
    await replaceRecoveryCodes(tx, input.userId, recoveryCodes);
    await audit(tx, user.memberships, input, now, 'auth.totp_enabled', {
      recoveryCodes: recoveryCodes.length,
    });
  });
  return { recoveryCodes };
}

/** Ten new recovery codes; the old ones stop working. Asks for a current code. */
export async function renewRecoveryCodes(
  db: Db,
  input: Person & { code: string; keyRing: Sealer },
): Promise<{ recoveryCodes: string[] }> {
  const now = input.now ?? new Date();
  const recoveryCodes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const user = await enabledHolder(tx, input, now);
    await replaceRecoveryCodes(tx, input.userId, recoveryCodes);
    await audit(tx, user.memberships, input, now, 'auth.recovery_codes_renewed', {
      recoveryCodes: recoveryCodes.length,
    });
  });
  return { recoveryCodes };
}

/** Turns the second factor off (secret and codes deleted). Asks for a current code. */
export async function disableTotp(
  db: Db,
  input: Person & { code: string; keyRing: Sealer },
): Promise<void> {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    const user = await enabledHolder(tx, input, now);
    await clearSecondFactor(tx, input.userId);
    await audit(tx, user.memberships, input, now, 'auth.totp_disabled', {});
  });
}

/** Secret, codes and the last step gone: the next sign-in asks for a password only. */
export async function clearSecondFactor(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: { totpSecretEncrypted: null, totpEnabledAt: null, totpLastStep: null },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}

async function enabledHolder(tx: Tx, input: Person & { code: string; keyRing: Sealer }, now: Date) {
  // the row lock: a code spent here cannot also be spent by a parallel sign-in
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${input.userId}::uuid FOR UPDATE`;
  const user = await tx.user.findUnique({
    where: { id: input.userId },
    select: {
      id: true,
      totpSecretEncrypted: true,
      totpEnabledAt: true,
      totpLastStep: true,
      memberships: true,
    },
  });
  if (!user) throw new AppError('NOT_FOUND', 'Your account no longer exists.');
  if (!user.totpEnabledAt)
    throw new AppError('CONFLICT', 'Two-factor authentication is not on for your account.');
  const used = await spendSecondFactor(tx, {
    user,
    code: input.code,
    now,
    open: (s) => input.keyRing.open(s),
  });
  if (!used) throw new AppError('VALIDATION_FAILED', WRONG_CURRENT_CODE);
  return user;
}

async function replaceRecoveryCodes(tx: Tx, userId: string, codes: string[]) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) ?? '' })),
  });
}

function audit(
  tx: Tx,
  memberships: { tenantId: string }[],
  input: Person,
  now: Date,
  action: PersonAuditAction,
  after: Record<string, unknown>,
) {
  return auditEverywhere(
    tx,
    memberships.map((m) => m.tenantId),
    {
      actor: { userId: input.userId, tokenId: null, label: input.label },
      requestId: input.requestId ?? null,
      at: now,
      action,
      userId: input.userId,
      after,
    },
  );
}
