// An admin withdraws a pending invitation: its link stops working at once. Another tenant's
// invitation id answers NOT_FOUND, like an unknown one.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { tenantDb, type Db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';

export async function revokeInvitation(
  db: Db,
  tenantId: string,
  input: {
    invitationId: string;
    actor: Pick<Actor, 'kind' | 'userId' | 'name'>;
    requestId?: string | null;
    now?: Date;
  },
): Promise<void> {
  const id = z.uuid('unknown invitation').parse(input.invitationId);
  const now = input.now ?? new Date();
  await tenantDb(db, tenantId).$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id, tenantId },
      select: { email: true, role: true, acceptedAt: true, revokedAt: true },
    });
    if (!invitation) throw notFound('invitation');
    if (invitation.acceptedAt)
      throw new AppError(
        'CONFLICT',
        'This invitation was already accepted; remove the member instead.',
      );
    if (invitation.revokedAt)
      throw new AppError('CONFLICT', 'This invitation was already revoked.');
    const claimed = await tx.invitation.updateMany({
      where: { id, tenantId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (claimed.count !== 1)
      throw new AppError('CONFLICT', 'This invitation changed meanwhile; reload the page.');
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(operatorOf(input.actor)),
      requestId: input.requestId ?? null,
      at: now,
      event: {
        action: 'member.invitation_revoked',
        objectType: 'invitation',
        objectId: id,
        after: { email: invitation.email, role: invitation.role },
      },
    });
  });
}
