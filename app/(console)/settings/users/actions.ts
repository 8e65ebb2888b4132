'use server';

// Users and roles: invite, change a role, remove, revoke an invitation, issue a member a password
// reset link, sign a member out everywhere. defineAction checks members.manage for each (hiding a
// button is not the boundary); each calls one use case in lib/members and answers in words; an
// invitation or reset link is returned to the admin once.
import { z } from 'zod';
import { formOrValue } from '@/lib/base/form-input';
import { failed, succeeded, type ActionFailure, type ActionResult } from '@/lib/http/action-result';
import { defineAction, defineFormAction } from '@/lib/http/define-action';
import { changeRole, changeRoleSchema } from '@/lib/members/change-role';
import { inviteMember, inviteMemberSchema } from '@/lib/members/invite-member';
import { issueMemberPasswordReset } from '@/lib/members/member-access';
import { endMemberSession, endMemberSessions } from '@/lib/members/member-sessions';
import { resetMemberSecondFactor } from '@/lib/members/member-second-factor';
import { removeMember } from '@/lib/members/remove-member';
import { setSecondFactorPolicy } from '@/lib/tenants/second-factor-policy';
import { revokeInvitation } from '@/lib/members/revoke-invitation';

const PATH = '/settings/users';
const DOING = 'manage users and roles';

/** The members and invitations tables call with a FormData they build, not through a form. */
export type InviteAnswer =
  ActionFailure | { ok: true; message: string; email: string; path: string; expiresAt: string };
/** A reset link is shown like an invitation's: once, to the admin who asked for it. */
export type ResetLinkAnswer = InviteAnswer;

export const inviteMemberAction = defineFormAction({
  permission: 'members.manage',
  doing: DOING,
  input: inviteMemberSchema,
  revalidate: [PATH],
  async run({ ctx, actor, audit, input }): Promise<InviteAnswer> {
    const issued = await inviteMember(ctx.db, actor.tenantId, {
      ...input,
      actor,
      requestId: audit.requestId,
    });
    return {
      ok: true,
      message: `Invitation for ${issued.email} created.`,
      email: issued.email,
      path: issued.path,
      expiresAt: issued.expiresAt.toISOString(),
    };
  },
});

export const changeRoleAction = defineAction({
  permission: 'members.manage',
  doing: DOING,
  input: formOrValue(changeRoleSchema),
  revalidate: [PATH],
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const result = await changeRole(ctx.db, actor.tenantId, {
      ...input,
      actor,
      requestId: audit.requestId,
    });
    return succeeded(
      result.changed ? `Role changed to ${result.role}.` : `The role was already ${result.role}.`,
    );
  },
});

export const removeMemberAction = defineAction({
  permission: 'members.manage',
  doing: DOING,
  input: formOrValue(z.object({ userId: z.uuid('unknown member') })),
  revalidate: [PATH],
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    await removeMember(ctx.db, actor.tenantId, {
      userId: input.userId,
      actor,
      requestId: audit.requestId,
    });
    return succeeded('Removed from this tenant. Their account and history stay.');
  },
});

export const revokeInvitationAction = defineAction({
  permission: 'members.manage',
  doing: DOING,
  input: formOrValue(z.object({ invitationId: z.uuid('unknown invitation') })),
  revalidate: [PATH],
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    await revokeInvitation(ctx.db, actor.tenantId, {
      invitationId: input.invitationId,
      actor,
      requestId: audit.requestId,
    });
    return succeeded('Invitation revoked: its link no longer works.');
  },
});

export const issueResetLinkAction = defineAction({
  permission: 'members.manage',
  doing: DOING,
  input: formOrValue(
    z.object({
      userId: z.uuid('unknown member'),
      // "on" from a checkbox: also sign them out of every browser now
      endSessions: z
        .string()
        .optional()
        .transform((v) => v === 'on' || v === 'true'),
    }),
  ),
  revalidate: [PATH],
  async run({ ctx, actor, audit, input }): Promise<ResetLinkAnswer> {
    const issued = await issueMemberPasswordReset(ctx.db, actor.tenantId, {
      userId: input.userId,
      endSessions: input.endSessions,
      actor,
      requestId: audit.requestId,
    });
    return {
      ok: true,
      message: `Password reset link for ${issued.email} created.`,
      email: issued.email,
      path: issued.path,
      expiresAt: issued.expiresAt.toISOString(),
    };
  },
});

export const endMemberSessionsAction = defineAction({
  permission: 'members.manage',
  doing: DOING,
  input: formOrValue(z.object({ userId: z.uuid('unknown member') })),
  revalidate: [PATH],
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const { ended } = await endMemberSessions(ctx.db, actor.tenantId, {
      userId: input.userId,
      actor,
      requestId: audit.requestId,
    });
    return succeeded(
      ended === 0
        ? 'They were not signed in anywhere.'
        : `Signed out of ${ended === 1 ? 'one browser' : `${ended} browsers`}.`,
    );
  },
});

export const endMemberSessionAction = defineAction({
  permission: 'members.manage',
  doing: DOING,
  input: formOrValue(
    z.object({ userId: z.uuid('unknown member'), sessionId: z.uuid('unknown session') }),
  ),
  revalidate: [PATH],
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const { ended } = await endMemberSession(ctx.db, actor.tenantId, {
      ...input,
      actor,
      requestId: audit.requestId,
    });
    return ended
      ? succeeded('Session ended: that browser is signed out.')
      : failed(404, 'That session has already ended.');
  },
});

export const resetSecondFactorAction = defineAction({
  permission: 'members.manage',
  doing: DOING,
  input: formOrValue(z.object({ userId: z.uuid('unknown member') })),
  revalidate: [PATH],
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const { email } = await resetMemberSecondFactor(ctx.db, actor.tenantId, {
      userId: input.userId,
      actor,
      requestId: audit.requestId,
    });
    return succeeded(`Two-factor authentication of ${email} removed: they set it up again.`);
  },
});

export const secondFactorPolicyAction = defineFormAction({
  permission: 'members.manage',
  doing: DOING,
  // a checkbox: "on" when ticked, absent when not
  input: z.object({
    requireForAdmins: z
      .string()
      .optional()
      .transform((v) => v === 'on'),
  }),
  revalidate: [PATH],
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const policy = await setSecondFactorPolicy(ctx.db, actor.tenantId, {
      requireForAdmins: input.requireForAdmins,
      actor: operator,
      requestId: audit.requestId,
    });
    return succeeded(
      policy.requireForAdmins
        ? `Admins must use two-factor authentication${policy.adminsWithout ? `: ${policy.adminsWithout} admin(s) will be asked to set it up on their next page` : ''}.`
        : 'Two-factor authentication is optional for admins.',
    );
  },
});
