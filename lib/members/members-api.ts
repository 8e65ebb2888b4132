// Members' /api/v1 operations as route specs, merged into lib/http/api-catalog.ts: what an admin
// does on Users and roles (invite, revoke an invitation, change a role, remove, a password reset
// link, sign out everywhere), through the same use cases. Pure data (schemas and words).
//
// An API token acts with its issuer's current role as its ceiling (lib/identity/api-token.ts), so
// only a token an admin issued with the members.manage scope gets here. The use cases' refusals
// hold for it too: never the tenant's last admin; one-time links are answered once.
//
// Invitations are a collection of their own (/api/v1/invitations), not /members/invitations/{id}:
// that path and /members/{userId}/sessions would both match /members/invitations/sessions, which
// the document's linter rightly calls ambiguous (Redocly no-ambiguous-paths).
import { z } from 'zod';
import { ROLES } from '@/lib/base/permissions';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { changeRoleSchema } from './change-role';
import { inviteMemberSchema } from './invite-member';

const TAG = 'Members';
type Spec = RouteSpec & { operation: ApiOperation };

const memberId = z.object({ userId: z.uuid('unknown member') });
const invitationId = z.object({ id: z.uuid('unknown invitation') });

const instant = z.iso.datetime();
const role = z.enum(ROLES);

// ---- answers (as sent on the wire) ----

export const membersListResponse = z.object({
  members: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      email: z.string(),
      role,
      since: instant,
      lastSignInAt: instant.nullable(),
      lockedUntil: instant.nullable().describe('set while sign-in is locked after failed attempts'),
      disabled: z.boolean(),
      sessions: z.number().int().describe('browsers the person is signed in on now'),
    }),
  ),
  adminCount: z.number().int(),
  invitations: z
    .array(
      z.object({
        id: z.uuid(),
        email: z.string(),
        role,
        invitedAt: instant,
        invitedBy: z.string().nullable().describe('null: invited by an API token or the CLI'),
        expiresAt: instant,
        expired: z.boolean(),
      }),
    )
    .describe('pending invitations (not accepted, not revoked), newest first'),
});

/** A one-time link: the secret is in `path`, answered this once and never stored. */
const oneTimeLink = (prefix: string) => ({
  email: z.string(),
  path: z.string().startsWith(prefix).describe('shown once: the ledger keeps only its hash'),
  expiresAt: instant,
});

export const invitationResponse = z.object({ id: z.uuid(), ...oneTimeLink('/invite/') });
export const invitationRevokedResponse = z.object({ id: z.uuid(), revoked: z.literal(true) });
export const roleChangedResponse = z.object({ changed: z.boolean(), role });
export const memberRemovedResponse = z.object({ userId: z.uuid(), removed: z.literal(true) });
export const passwordResetResponse = z.object(oneTimeLink('/reset-password/'));
export const sessionsEndedResponse = z.object({ ended: z.number().int() });

export const memberSessionsResponse = z.object({
  sessions: z
    .array(
      z.object({
        id: z.uuid(),
        signedInAt: instant,
        lastSeenAt: instant.describe('updated at most once a minute'),
        ip: z.string().nullable().describe('the client address the session signed in from'),
        userAgent: z.string().nullable(),
      }),
    )
    .describe('live sessions, most recently used first (at most 20)'),
});

export const memberSessionEndedResponse = z.object({
  ended: z.boolean().describe('false: that session had already ended'),
});

export const MEMBERS_API = {
  'GET /api/v1/members': {
    permission: 'members.manage',
    response: membersListResponse,
    operation: {
      id: 'listMembers',
      tag: TAG,
      summary: 'Members with role, last sign-in, lock state and sessions, and pending invitations',
      description: 'Never a password hash, an invitation secret or a session id.',
    },
  },
  'POST /api/v1/invitations': {
    permission: 'members.manage',
    body: inviteMemberSchema,
    response: invitationResponse,
    operation: {
      id: 'inviteMember',
      tag: TAG,
      status: 201,
      summary: 'Invite a person by email with a role: answers the one-time link, this once',
      description:
        'Answers { id, email, path, expiresAt }: hand `path` (/invite/<secret>, on this ' +
        "Waybill's address) to the person; it is valid 7 days and cannot be shown again. A " +
        'pending invitation to the same email is replaced (its link stops working). 409 when ' +
        'the person is already a member. Audited.',
    },
  },
  'DELETE /api/v1/invitations/{id}': {
    permission: 'members.manage',
    params: invitationId,
    response: invitationRevokedResponse,
    operation: {
      id: 'revokeInvitation',
      tag: TAG,
      summary: 'Revoke a pending invitation: its link stops working at once',
      description: '409 when it was already accepted or revoked. Audited.',
    },
  },
  'PATCH /api/v1/members/{userId}': {
    permission: 'members.manage',
    params: memberId,
    body: changeRoleSchema.pick({ role: true }),
    response: roleChangedResponse,
    operation: {
      id: 'changeMemberRole',
      tag: TAG,
      summary: "Change a member's role (their sessions end, so they sign in again)",
      description:
        'Answers { changed, role }. 409 for your own role and for demoting the last admin. ' +
        'Audited with the role before and after.',
    },
  },
  'DELETE /api/v1/members/{userId}': {
    permission: 'members.manage',
    params: memberId,
    response: memberRemovedResponse,
    operation: {
      id: 'removeMember',
      tag: TAG,
      summary: 'Remove a member from the tenant (their account and history stay)',
      description:
        'Every session of the person ends, and API tokens they issued stop working. 409 for ' +
        'yourself and for the last admin. Audited.',
    },
  },
  'POST /api/v1/members/{userId}/password-reset': {
    permission: 'members.manage',
    params: memberId,
    body: z.object({
      /** also sign them out of every browser now, for an account that may be in other hands */
      endSessions: z.boolean().optional(),
    }),
    response: passwordResetResponse,
    operation: {
      id: 'issueMemberPasswordReset',
      tag: TAG,
      status: 201,
      summary: "Create a member's one-time password reset link: answers it, this once",
      description:
        'Answers { email, path, expiresAt }: hand `path` (/reset-password/<secret>) to the ' +
        'person; it cannot be shown again, and an earlier link of theirs stops working. ' +
        'endSessions: true also signs them out everywhere now. Not for yourself (409: use ' +
        '/account). Audited.',
    },
  },
  'GET /api/v1/members/{userId}/sessions': {
    permission: 'members.manage',
    params: memberId,
    response: memberSessionsResponse,
    operation: {
      id: 'listMemberSessions',
      tag: TAG,
      summary: "Where a member is signed in: each browser's address, agent and last use",
    },
  },
  'DELETE /api/v1/members/{userId}/sessions/{sessionId}': {
    permission: 'members.manage',
    params: memberId.extend({ sessionId: z.uuid('unknown session') }),
    response: memberSessionEndedResponse,
    operation: {
      id: 'endMemberSession',
      tag: TAG,
      summary: "End one of a member's sessions: that browser is signed out",
      description: 'Not for yourself (409: use /account). Audited.',
    },
  },
  'DELETE /api/v1/members/{userId}/sessions': {
    permission: 'members.manage',
    params: memberId,
    response: sessionsEndedResponse,
    operation: {
      id: 'endMemberSessions',
      tag: TAG,
      summary: 'Sign a member out of every browser (answers how many sessions ended)',
      description: 'Sessions are per person: one they hold in another tenant ends too. Audited.',
    },
  },
} satisfies Record<string, Spec>;
