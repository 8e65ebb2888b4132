// The signed-in person's own sessions, for the account page: where and when each was used, the
// one they are looking from marked. Only live rows (past their absolute end they are refused and
// merely wait for the sweep at a later sign-in).
import type { Db } from '@/lib/db';

/** A person signed in on more browsers than this sees the most recently used ones. */
export const OWN_SESSIONS_SHOWN = 50;

export async function listOwnSessions(
  db: Db,
  input: { userId: string; currentSessionId: string | null; now?: Date },
) {
  const now = input.now ?? new Date();
  const rows = await db.userSession.findMany({
    where: { userId: input.userId, expiresAt: { gt: now } },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
    take: OWN_SESSIONS_SHOWN,
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    userAgent: r.userAgent,
    ip: r.ip,
    current: r.id === input.currentSessionId,
  }));
}

export type OwnSession = Awaited<ReturnType<typeof listOwnSessions>>[number];
