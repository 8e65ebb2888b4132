// The documented answers of the Members operations (members-api.ts) hold what the use cases and
// the presenter return, as JSON puts it on the wire: a field gained, renamed or retyped fails
// `npx tsc --noEmit -p .` here until the schema says the same. (Type-level only: the run checks
// nothing. The values are checked by the e2e suite through API_RESPONSE_CHECK=1.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { changeRole } from './change-role';
import type { inviteMember } from './invite-member';
import type { issueMemberPasswordReset } from './member-access';
import type { endMemberSession, endMemberSessions, listMemberSessions } from './member-sessions';
import type { membersAndInvitations } from './members.presenter';
import type {
  invitationResponse,
  memberSessionEndedResponse,
  memberSessionsResponse,
  membersListResponse,
  passwordResetResponse,
  roleChangedResponse,
  sessionsEndedResponse,
} from './members-api';

type Answer<F extends (...args: never[]) => Promise<unknown>> = Wire<Awaited<ReturnType<F>>>;

describe('member answers fit their documented schemas', () => {
  it('GET /api/v1/members: membersAndInvitations', () => {
    expectTypeOf<Answer<typeof membersAndInvitations>>().toExtend<
      z.input<typeof membersListResponse>
    >();
  });

  it('POST /api/v1/invitations: inviteMember', () => {
    expectTypeOf<Answer<typeof inviteMember>>().toExtend<z.input<typeof invitationResponse>>();
  });

  it('PATCH /api/v1/members/{userId}: changeRole', () => {
    expectTypeOf<Answer<typeof changeRole>>().toExtend<z.input<typeof roleChangedResponse>>();
  });

  it('POST /api/v1/members/{userId}/password-reset: issueMemberPasswordReset', () => {
    expectTypeOf<Answer<typeof issueMemberPasswordReset>>().toExtend<
      z.input<typeof passwordResetResponse>
    >();
  });

  it('DELETE /api/v1/members/{userId}/sessions: endMemberSessions', () => {
    expectTypeOf<Answer<typeof endMemberSessions>>().toExtend<
      z.input<typeof sessionsEndedResponse>
    >();
  });

  // DELETE /api/v1/invitations/{id} and DELETE /api/v1/members/{userId} call use cases that
  // return nothing: their routes answer constants ({ id, revoked: true } and
  // { userId, removed: true }).
  it("GET and DELETE a member's sessions: listMemberSessions, endMemberSession", () => {
    expectTypeOf<{ sessions: Answer<typeof listMemberSessions> }>().toExtend<
      z.input<typeof memberSessionsResponse>
    >();
    expectTypeOf<Answer<typeof endMemberSession>>().toExtend<
      z.input<typeof memberSessionEndedResponse>
    >();
  });
});
