// The "Users and roles" screen: members with their role, last sign-in and lock state, and the
// invitations still waiting, and how many browsers each member is signed in on. Never a password
// hash, an invitation's secret hash or a session's id.
import { tenantDb, type Db } from '@/lib/db';

export async function membersAndInvitations(db: Db, tenantId: string, now = new Date()) {
  const scoped = tenantDb(db, tenantId);
  const [members, invitations] = await Promise.all([
    scoped.membership.findMany({
      orderBy: { createdAt: 'asc' },
      select: {
        role: true,
        createdAt: true,
        user: {
          select: {
            id: true,
            email: true,
            name: true,
            disabledAt: true,
            lockedUntil: true,
            lastSignInAt: true,
            totpEnabledAt: true,
          },
        },
      },
    }),
    // not a scoped model: the tenant is named here
    db.invitation.findMany({
      where: { tenantId, acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: 'desc' },
      take: 200,
      select: {
        id: true,
        email: true,
        role: true,
        createdAt: true,
        expiresAt: true,
        invitedById: true,
      },
    }),
  ]);
  const inviterIds = [
    ...new Set(invitations.flatMap((i) => (i.invitedById ? [i.invitedById] : []))),
  ];
  const inviters = inviterIds.length
    ? await db.user.findMany({
        where: { id: { in: inviterIds } },
        select: { id: true, name: true },
      })
    : [];
  const inviterName = new Map(inviters.map((u) => [u.id, u.name]));
  // Browsers each member is signed in on now (sessions are per person: in any tenant).
  const live = members.length
    ? await db.userSession.groupBy({
        by: ['userId'],
        where: { userId: { in: members.map((m) => m.user.id) }, expiresAt: { gt: now } },
        _count: { _all: true },
      })
    : [];
  const sessionCount = new Map(live.map((row) => [row.userId, row._count._all]));
  return {
    members: members.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      since: m.createdAt.toISOString(),
      lastSignInAt: m.user.lastSignInAt?.toISOString() ?? null,
      lockedUntil:
        m.user.lockedUntil && m.user.lockedUntil.getTime() > now.getTime()
          ? m.user.lockedUntil.toISOString()
          : null,
      disabled: m.user.disabledAt !== null,
      sessions: sessionCount.get(m.user.id) ?? 0,
      twoFactor: m.user.totpEnabledAt !== null,
    })),
    adminCount: members.filter((m) => m.role === 'admin').length,
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedAt: i.createdAt.toISOString(),
      invitedBy: (i.invitedById && inviterName.get(i.invitedById)) ?? null,
      expiresAt: i.expiresAt.toISOString(),
      expired: i.expiresAt.getTime() <= now.getTime(),
    })),
  };
}

export type MembersScreen = Awaited<ReturnType<typeof membersAndInvitations>>;
export type MemberRow = MembersScreen['members'][number];
export type InvitationRow = MembersScreen['invitations'][number];
