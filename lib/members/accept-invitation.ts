// Accepting an invitation: a new email becomes a user (name + password) with the membership; an
// existing user proves it is them with their current password and gets the membership. The
// invitation is claimed with one conditional UPDATE, so two accepts of one link cannot both win.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { afterFailure, isLocked } from '@/lib/identity/lockout';
import { hashPassword, verifyPassword } from '@/lib/identity/password';
import { passwordProblem } from '@/lib/identity/password-rules';
import { tenantDb, UNIQUE_VIOLATION, type Db, type Role } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { findInvitation, INVITATION_MESSAGES } from './invitation.presenter';

export const acceptInvitationSchema = z.object({
  secret: z.string().min(1).max(200),
  name: z.string().trim().max(100, 'the name is too long').optional(),
  password: z.string().max(400).optional(),
  currentPassword: z.string().max(400).optional(),
});

/** Same words as the sign-in form: the page must not say which part was wrong. */
export const WRONG_CURRENT_PASSWORD =
  'That password is not right, or the account is temporarily locked. Try again in a few minutes.';

export interface AcceptedInvitation {
  userId: string;
  email: string;
  tenantName: string;
  role: Role;
  newUser: boolean;
}

export async function acceptInvitation(
  db: Db,
  input: z.input<typeof acceptInvitationSchema> & { requestId?: string | null; now?: Date },
): Promise<AcceptedInvitation> {
  const data = acceptInvitationSchema.parse(input);
  const now = input.now ?? new Date();
  const invitation = await findInvitation(db, data.secret, now);
  if (!invitation || invitation.revokedAt)
    throw new AppError('NOT_FOUND', INVITATION_MESSAGES.invalid);
  if (invitation.acceptedAt) throw new AppError('CONFLICT', INVITATION_MESSAGES.used);
  if (invitation.expired) throw new AppError('CONFLICT', INVITATION_MESSAGES.expired);
  const { email, tenantId, role } = invitation;
  const existing = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      name: true,
      passwordHash: true,
      disabledAt: true,
      failedSignIns: true,
      lockedUntil: true,
    },
  });
  let newUser: { name: string; passwordHash: string } | null = null;
  if (existing) await proveExistingUser(db, existing, data.currentPassword ?? '', now);
  else newUser = await newUserFrom(data, email);

  try {
    return await tenantDb(db, tenantId).$transaction(async (tx) => {
      const claimed = await tx.invitation.updateMany({
        where: {
          id: invitation.id,
          tenantId,
          acceptedAt: null,
          revokedAt: null,
          expiresAt: { gt: now },
        },
        data: { acceptedAt: now },
      });
      if (claimed.count !== 1) throw new AppError('CONFLICT', INVITATION_MESSAGES.used);
      const user =
        existing ??
        (await tx.user.create({
          data: { email, name: newUser!.name, passwordHash: newUser!.passwordHash, createdAt: now },
          select: { id: true, name: true },
        }));
      const member = await tx.membership.findFirst({
        where: { userId: user.id },
        select: { id: true },
      });
      if (member)
        throw new AppError('CONFLICT', 'You are already a member of this tenant. Sign in instead.');
      await tx.membership.create({ data: { tenantId, userId: user.id, role, createdAt: now } });
      await recordAudit(tx, {
        tenantId,
        actor: { userId: user.id, tokenId: null, label: user.name },
        requestId: input.requestId ?? null,
        at: now,
        event: {
          action: 'member.joined',
          objectType: 'user',
          objectId: user.id,
          before: null,
          after: { email, name: user.name, role, invitationId: invitation.id, newUser: !existing },
        },
      });
      return {
        userId: user.id,
        email,
        tenantName: invitation.tenant.name,
        role,
        newUser: !existing,
      };
    });
  } catch (error) {
    // the same email accepted through another tenant's invitation at the same moment
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION)
      throw new AppError(
        'CONFLICT',
        'This account was just created elsewhere. Open the link again.',
      );
    throw error;
  }
}

async function newUserFrom(data: z.infer<typeof acceptInvitationSchema>, email: string) {
  const name = data.name ?? '';
  if (!name) throw new AppError('VALIDATION_FAILED', 'Enter your name.');
  const problem = passwordProblem(data.password ?? '', email);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  return { name, passwordHash: await hashPassword(data.password ?? '') };
}

/** The current password of an existing account, under the same lockout as sign-in. */
async function proveExistingUser(
  db: Db,
  user: {
    id: string;
    passwordHash: string;
    disabledAt: Date | null;
    failedSignIns: number;
    lockedUntil: Date | null;
  },
  password: string,
  now: Date,
): Promise<void> {
  const ok = await verifyPassword(password, user.passwordHash);
  if (ok && !user.disabledAt && !isLocked(user, now)) return;
  if (!ok && !user.disabledAt && !isLocked(user, now)) {
    const next = afterFailure(user, now);
    await db.user.update({
      where: { id: user.id },
      data: { failedSignIns: next.failedSignIns, lockedUntil: next.lockedUntil },
    });
  }
  throw new AppError('VALIDATION_FAILED', WRONG_CURRENT_PASSWORD);
}
