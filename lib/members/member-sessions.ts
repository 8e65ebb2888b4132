// An admin's view of where a member is signed in, and ending one of those sessions (the whole set
// ends with endMemberSessions, member-access.ts). Only members of the admin's own tenant; never the
// admin themselves (their own list is on /account). A session is a browser: where and when it was
// used, never its token.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { tenantDb, type Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { assertNotSelf } from './member-guard';

type Admin = Pick<Actor, 'kind' | 'userId' | 'name' | 'issuerUserId'>;

/** Sessions shown per member: the most recently used. */
export const MEMBER_SESSIONS_SHOWN = 20;

export interface MemberSession {
  id: string;
  signedInAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** The live sessions of each member of the tenant, most recently used first. */
export async function listMembersSessions(
  db: Db,
  tenantId: string,
  now = new Date(),
): Promise<Map<string, MemberSession[]>> {
  const members = await tenantDb(db, tenantId).membership.findMany({ select: { userId: true } });
  const rows = members.length
    ? await db.userSession.findMany({
        where: { userId: { in: members.map((m) => m.userId) }, expiresAt: { gt: now } },
        orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
        select: {
          id: true,
          userId: true,
          createdAt: true,
          lastSeenAt: true,
          ip: true,
          userAgent: true,
        },
      })
    : [];
  const byMember = new Map<string, MemberSession[]>();
  for (const row of rows) {
    const list = byMember.get(row.userId) ?? [];
    if (list.length >= MEMBER_SESSIONS_SHOWN) continue;
    list.push({
      id: row.id,
      signedInAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      ip: row.ip,
      userAgent: row.userAgent,
    });
    byMember.set(row.userId, list);
  }
  return byMember;
}

/** One member's live sessions (404 for anyone not in the tenant). */
export async function listMemberSessions(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<MemberSession[]> {
  const id = z.uuid('unknown member').parse(userId);
  const member = await tenantDb(db, tenantId).membership.findFirst({
    where: { userId: id },
    select: { id: true },
  });
  if (!member) throw notFound('member');
  return (await listMembersSessions(db, tenantId)).get(id) ?? [];
}

export async function endMemberSession(
  db: Db,
  tenantId: string,
  input: { userId: string; sessionId: string; actor: Admin; requestId?: string | null },
): Promise<{ ended: boolean }> {
  const userId = z.uuid('unknown member').parse(input.userId);
  const sessionId = z.uuid('unknown session').parse(input.sessionId);
  assertNotSelf(input.actor, userId, 'end a session of');
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { userId }, select: { id: true } });
    if (!member) throw notFound('member');
    // someone else's session id, or one already ended: nothing happens, and the answer says so
    const { count } = await tx.userSession.deleteMany({ where: { id: sessionId, userId } });
    if (count === 0) return { ended: false };
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(operatorOf(input.actor)),
      requestId: input.requestId ?? null,
      event: {
        action: 'member.sessions_ended',
        objectType: 'user',
        objectId: userId,
        after: { browsersSignedOut: 1 },
      },
    });
    return { ended: true };
  });
}
