import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { ROLES } from '@/lib/base/permissions';
import { requirePage } from '@/lib/auth/session';
import { listMembersSessions } from '@/lib/members/member-sessions';
import { membersAndInvitations } from '@/lib/members/members.presenter';
import { serverContext } from '@/lib/server/context';
import { secondFactorPolicy } from '@/lib/tenants/second-factor-policy';
import { SecondFactorPolicyForm } from './_components/second-factor-policy-form';
import { InvitationsTable } from './_components/invitations-table';
import { InviteForm } from './_components/invite-form';
import { MemberSessionsTable, type MemberSessionRow } from './_components/member-sessions-table';
import { MembersTable } from './_components/members-table';

export const metadata: Metadata = { title: 'Users and roles' };

export default async function UsersPage() {
  const actor = await requirePage('members.manage');
  const { db } = serverContext();
  const [screen, sessions, policy] = await Promise.all([
    membersAndInvitations(db, actor.tenantId),
    listMembersSessions(db, actor.tenantId),
    secondFactorPolicy(db, actor.tenantId),
  ]);
  // Other members' sessions: the admin's own are on /account.
  const sessionRows: MemberSessionRow[] = screen.members
    .filter((m) => m.userId !== actor.userId)
    .flatMap((m) =>
      (sessions.get(m.userId) ?? []).map((s) => ({
        id: s.id,
        userId: m.userId,
        member: m.name,
        signedInAt: s.signedInAt,
        lastSeenAt: s.lastSeenAt,
        address: s.ip || 'unknown',
        browser: s.userAgent || 'unknown',
      })),
    )
    .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
  return (
    <section aria-labelledby="users-heading" className="space-y-8">
      <div>
        <p className="text-sm">
          <Link href="/settings" className="text-blue-800 underline">
            Settings
          </Link>
        </p>
        <h1 id="users-heading" className="text-xl font-semibold">
          Users and roles
        </h1>
        <p className="text-sm text-slate-600">
          Who can use {actor.tenantName}, and what each role may do. A changed role applies on the
          person&apos;s next page load.
        </p>
      </div>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-2 font-medium">
          Members ({screen.members.length})
        </h2>
        <MembersTable members={screen.members} roles={[...ROLES]} selfId={actor.userId} />
      </section>

      <section
        aria-labelledby="second-factor-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="second-factor-heading" className="mb-2 font-medium">
          Two-factor authentication
        </h2>
        <SecondFactorPolicyForm {...policy} />
      </section>

      <section aria-labelledby="member-sessions-heading">
        <h2 id="member-sessions-heading" className="mb-2 font-medium">
          Where members are signed in ({sessionRows.length})
        </h2>
        <MemberSessionsTable rows={sessionRows} />
      </section>

      <section
        aria-labelledby="invite-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="invite-heading" className="mb-2 font-medium">
          Invite someone
        </h2>
        <InviteForm roles={[...ROLES]} />
      </section>

      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className="mb-2 font-medium">
          Pending invitations ({screen.invitations.length})
        </h2>
        <InvitationsTable invitations={screen.invitations} />
      </section>
    </section>
  );
}
