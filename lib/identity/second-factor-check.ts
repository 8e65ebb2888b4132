// The second factor at the moments that ask for it (sign-in, turning it off, new recovery codes):
// a code from the authenticator app, or one unused recovery code. Both are spent by a conditional
// update, so two requests racing with the same code cannot both pass.
import type { Db, Prisma } from '@/lib/db';
import { acceptedTotpStep, recoveryCodeHash } from './totp';

type Tx = Db | Prisma.TransactionClient;

export interface SecondFactorHolder {
  id: string;
  totpSecretEncrypted: string | null;
  totpLastStep: bigint | null;
}

export type SecondFactorUse =
  { method: 'totp' } | { method: 'recovery_code'; remaining: number } | null;

export async function spendSecondFactor(
  tx: Tx,
  input: {
    user: SecondFactorHolder;
    code: string;
    now: Date;
    open: (sealed: string) => string;
  },
): Promise<SecondFactorUse> {
  const { user, code, now } = input;
  if (!user.totpSecretEncrypted) return null;
  const lastStep = user.totpLastStep === null ? null : Number(user.totpLastStep);
  const step = acceptedTotpStep(input.open(user.totpSecretEncrypted), code, now, lastStep);
  if (step !== null) {
    const taken = await tx.user.updateMany({
      where: { id: user.id, totpLastStep: user.totpLastStep },
      data: { totpLastStep: BigInt(step) },
    });
    return taken.count === 1 ? { method: 'totp' } : null;
  }
  const hash = recoveryCodeHash(code);
  if (!hash) return null;
  const spent = await tx.recoveryCode.updateMany({
    where: { userId: user.id, codeHash: hash, usedAt: null },
    data: { usedAt: now },
  });
  if (spent.count !== 1) return null;
  const remaining = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  return { method: 'recovery_code', remaining };
}
