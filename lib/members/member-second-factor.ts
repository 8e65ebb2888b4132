// An admin removes a member's second factor when the member lost their phone and their recovery
// codes: the member signs in with their password and sets one up again (at once, if the tenant
// requires it for their role). Only for a member of the admin's own tenant, never for the admin
// themselves (their own is on /account/two-factor). Audited in this tenant.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { tenantDb, type Db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { clearSecondFactor } from '@/lib/identity/second-factor';
import { assertNotSelf } from './member-guard';

type Admin = Pick<Actor, 'kind' | 'userId' | 'name' | 'issuerUserId'>;

export async function resetMemberSecondFactor(
  db: Db,
  tenantId: string,
  input: { userId: string; actor: Admin; requestId?: string | null; now?: Date },
): Promise<{ email: string }> {
  const userId = z.uuid('unknown member').parse(input.userId);
  assertNotSelf(input.actor, userId, 'reset the second factor of');
  const member = await tenantDb(db, tenantId).membership.findFirst({
    where: { userId },
    select: { user: { select: { email: true, totpEnabledAt: true, totpSecretEncrypted: true } } },
  });
  if (!member) throw notFound('member');
  if (!member.user.totpEnabledAt && !member.user.totpSecretEncrypted)
    throw new AppError('CONFLICT', 'This member has no second factor to reset.');
  await db.$transaction(async (tx) => {
    await clearSecondFactor(tx, userId);
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(operatorOf(input.actor)),
      requestId: input.requestId ?? null,
      at: input.now ?? new Date(),
      event: {
        action: 'member.second_factor_reset',
        objectType: 'user',
        objectId: userId,
        after: { email: member.user.email },
      },
    });
  });
  return { email: member.user.email };
}
