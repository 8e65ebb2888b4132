'use server';

// Users and roles: invite, change a role, remove, revoke an invitation. Each checks
// members.manage here (hiding a button is not the boundary), parses, calls one use case in
// lib/members and answers in words; the invitation link is returned to the inviting admin once.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { requireActor } from '@/lib/auth/session';
import {
  actionFailure,
  succeeded,
  type ActionFailure,
  type ActionResult,
} from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { changeRole, changeRoleSchema } from '@/lib/members/change-role';
import { inviteMember, inviteMemberSchema } from '@/lib/members/invite-member';
import { removeMember } from '@/lib/members/remove-member';
import { revokeInvitation } from '@/lib/members/revoke-invitation';
import { serverContext } from '@/lib/server/context';

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

const PATH = '/settings/users';
const DOING = 'manage users and roles';

export type InviteAnswer =
  ActionFailure | { ok: true; message: string; email: string; path: string; expiresAt: string };

export async function inviteMemberAction(
  _previous: InviteAnswer | null,
  form: FormData,
): Promise<InviteAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('members.manage');
    const input = inviteMemberSchema.parse({
      email: field(form, 'email'),
      role: field(form, 'role'),
    });
    const issued = await inviteMember(ctx.db, actor.tenantId, {
      ...input,
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PATH);
    return {
      ok: true,
      message: `Invitation for ${issued.email} created.`,
      email: issued.email,
      path: issued.path,
      expiresAt: issued.expiresAt.toISOString(),
    };
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function changeRoleAction(form: FormData): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('members.manage');
    const input = changeRoleSchema.parse({
      userId: field(form, 'userId'),
      role: field(form, 'role'),
    });
    const result = await changeRole(ctx.db, actor.tenantId, {
      ...input,
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PATH);
    return succeeded(
      result.changed ? `Role changed to ${result.role}.` : `The role was already ${result.role}.`,
    );
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function removeMemberAction(form: FormData): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('members.manage');
    await removeMember(ctx.db, actor.tenantId, {
      userId: field(form, 'userId'),
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PATH);
    return succeeded('Removed from this tenant. Their account and history stay.');
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function revokeInvitationAction(form: FormData): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('members.manage');
    await revokeInvitation(ctx.db, actor.tenantId, {
      invitationId: field(form, 'invitationId'),
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PATH);
    return succeeded('Invitation revoked: its link no longer works.');
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}
