// The tenant's rule that admins must use a second factor. Switching it on asks the admin who does
// it to have one already (else the next page they open would send them to set one up mid-change);
// admins without one are sent to the set-up page by every console page until they have one
// (lib/auth/session.ts), and the API refuses their session. API tokens are not affected: a token
// is a credential of its own. Audited with before and after.
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Operator } from '@/lib/ledger/operator';

export async function secondFactorPolicy(db: Db, tenantId: string) {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { requireTotpForAdmins: true },
  });
  const adminsWithout = await db.membership.count({
    where: { tenantId, role: 'admin', user: { totpEnabledAt: null } },
  });
  return { requireForAdmins: tenant.requireTotpForAdmins, adminsWithout };
}

export async function setSecondFactorPolicy(
  db: Db,
  tenantId: string,
  input: { requireForAdmins: boolean; actor: Operator; requestId?: string | null },
): Promise<{ requireForAdmins: boolean; adminsWithout: number }> {
  if (input.requireForAdmins) {
    const self = await db.user.findUnique({
      where: { id: input.actor.id },
      select: { totpEnabledAt: true },
    });
    // a token or the CLI (no such user) may switch it on; a person must lead by example
    if (self && !self.totpEnabledAt)
      throw new AppError(
        'CONFLICT',
        'Set up two-factor authentication for yourself first (Your account → Two-factor authentication).',
      );
  }
  await db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { requireTotpForAdmins: true },
    });
    if (before.requireTotpForAdmins === input.requireForAdmins) return;
    await tx.tenant.update({
      where: { id: tenantId },
      data: { requireTotpForAdmins: input.requireForAdmins },
    });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.requestId ?? null,
      event: {
        action: 'tenant.second_factor_policy_changed',
        objectType: 'tenant',
        objectId: tenantId,
        before: { requireTotpForAdmins: before.requireTotpForAdmins },
        after: { requireTotpForAdmins: input.requireForAdmins },
      },
    });
  });
  return secondFactorPolicy(db, tenantId);
}
