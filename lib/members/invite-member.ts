// An admin invites a person (by email) into the tenant with a role. The link's secret is made
// here and returned once; the ledger keeps its SHA-256 (invitation-token.ts). Inviting an email
// that already has a pending invitation replaces it: the old link stops working.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { ROLES } from '@/lib/base/permissions';
import { tenantDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import {
  INVITATION_TTL_MS,
  hashInvitationSecret,
  invitationPath,
  newInvitationSecret,
} from './invitation-token';

export const inviteMemberSchema = z.object({
  email: z
    .email('enter the email address of the person to invite')
    .max(200)
    .transform((e) => e.trim().toLowerCase()),
  role: z.enum(ROLES, 'choose a role'),
});
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

export interface IssuedInvitation {
  id: string;
  email: string;
  /** /invite/<secret>: shown once, never stored */
  path: string;
  expiresAt: Date;
}

export async function inviteMember(
  db: Db,
  tenantId: string,
  input: InviteMemberInput & {
    actor: Pick<Actor, 'kind' | 'userId' | 'name'>;
    requestId?: string | null;
    now?: Date;
  },
): Promise<IssuedInvitation> {
  const { email, role } = inviteMemberSchema.parse(input);
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const secret = newInvitationSecret();
  const actor = auditActorOf(operatorOf(input.actor));
  const audit = { tenantId, actor, requestId: input.requestId ?? null, at: now };
  const id = await tenantDb(db, tenantId).$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { user: { email } },
      select: { id: true },
    });
    if (member) throw new AppError('CONFLICT', `${email} is already a member of this tenant.`);
    // invitations are not in the scoped model set: every filter names the tenant itself
    const pending = await tx.invitation.findMany({
      where: { tenantId, email, acceptedAt: null, revokedAt: null },
      select: { id: true },
    });
    for (const old of pending) {
      await tx.invitation.update({ where: { id: old.id }, data: { revokedAt: now } });
      await recordAudit(tx, {
        ...audit,
        event: {
          action: 'member.invitation_revoked',
          objectType: 'invitation',
          objectId: old.id,
          reason: 'replaced by a new invitation to the same email',
          after: { email },
        },
      });
    }
    const row = await tx.invitation.create({
      data: {
        tenantId,
        email,
        role,
        tokenHash: hashInvitationSecret(secret),
        invitedById: input.actor.kind === 'user' ? input.actor.userId : null,
        createdAt: now,
        expiresAt,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      ...audit,
      event: {
        action: 'member.invited',
        objectType: 'invitation',
        objectId: row.id,
        before: null,
        after: { email, role, expiresAt: expiresAt.toISOString() },
      },
    });
    return row.id;
  });
  return { id, email, path: invitationPath(secret), expiresAt };
}
