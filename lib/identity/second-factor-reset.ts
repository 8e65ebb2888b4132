// The operator's way back in for a person who lost their phone and their recovery codes when no
// admin can help (the last admin, say): `waybill user reset-two-factor`. Audited in every tenant
// the person belongs to. Admins use lib/members/member-second-factor.ts for their own members.
import { auditActorOf } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Operator } from '@/lib/ledger/operator';
import { auditEverywhere } from './audit-everywhere';
import { clearSecondFactor } from './second-factor';

export async function resetSecondFactorByEmail(
  db: Db,
  input: { email: string; actor: Operator; requestId?: string | null; now?: Date },
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, totpSecretEncrypted: true, memberships: { select: { tenantId: true } } },
  });
  if (!user) throw new AppError('NOT_FOUND', `no account with the email ${email}`);
  if (!user.totpSecretEncrypted)
    throw new AppError('CONFLICT', `${email} has no second factor to reset`);
  await db.$transaction(async (tx) => {
    await clearSecondFactor(tx, user.id);
    await auditEverywhere(
      tx,
      user.memberships.map((m) => m.tenantId),
      {
        actor: auditActorOf(input.actor),
        requestId: input.requestId ?? null,
        at: input.now ?? new Date(),
        action: 'member.second_factor_reset',
        userId: user.id,
        after: { email },
      },
    );
  });
}
