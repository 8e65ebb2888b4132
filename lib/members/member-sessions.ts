// An admin's view of where a member is signed in, and signing the member out: of one browser or
// of every one. Only members of the admin's own tenant (anyone else is "not found"); never the
// admin themselves (their own sessions are on /account). A session is a browser: where and when
// it was used, never its token.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { tenantDb, type Db, type TenantTx } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { endUserSessions } from '@/lib/identity/user-session';
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

const SESSION_SELECT = {
  id: true,
  createdAt: true,
  lastSeenAt: true,
  ip: true,
  userAgent: true,
} as const;

function sessionOf(row: {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}): MemberSession {
  return {
    id: row.id,
    signedInAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    ip: row.ip,
    userAgent: row.userAgent,
  };
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
    list.push(sessionOf(row));
    byMember.set(row.userId, list);
  }
  return byMember;
}

/** One member's live sessions (404 for anyone not in the tenant). */
export async function listMemberSessions(
  db: Db,
  tenantId: string,
  userId: string,
  now = new Date(),
): Promise<MemberSession[]> {
  const id = z.uuid('unknown member').parse(userId);
  const member = await tenantDb(db, tenantId).membership.findFirst({
    where: { userId: id },
    select: { id: true },
  });
  if (!member) throw notFound('member');
  const rows = await db.userSession.findMany({
    where: { userId: id, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
    take: MEMBER_SESSIONS_SHOWN,
    select: SESSION_SELECT,
  });
  return rows.map(sessionOf);
}

/**
 * Ends sessions of a member in one transaction with its audit entry: `end` deletes and says how
 * many went; `auditNone` records even an ending that found nothing (the "sign out everywhere" an
 * admin asked for), else only one that did.
 */
async function endOfMember(
  db: Db,
  tenantId: string,
  input: { userId: string; actor: Admin; requestId?: string | null },
  what: string,
  end: (tx: TenantTx, userId: string) => Promise<number>,
  auditNone: boolean,
): Promise<number> {
  const userId = z.uuid('unknown member').parse(input.userId);
  assertNotSelf(input.actor, userId, what);
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { userId }, select: { id: true } });
    if (!member) throw notFound('member');
    const ended = await end(tx, userId);
    if (ended > 0 || auditNone)
      await recordAudit(tx, {
        tenantId,
        actor: auditActorOf(operatorOf(input.actor)),
        requestId: input.requestId ?? null,
        event: {
          action: 'member.sessions_ended',
          objectType: 'user',
          objectId: userId,
          after: { browsersSignedOut: ended },
        },
      });
    return ended;
  });
}

/** Signs the member out of every browser. Sessions are per person, not per tenant (as removing a
 *  member ends them all): one they hold in another tenant ends too, and they sign in again there. */
export async function endMemberSessions(
  db: Db,
  tenantId: string,
  input: { userId: string; actor: Admin; requestId?: string | null },
): Promise<{ ended: number }> {
  const ended = await endOfMember(db, tenantId, input, 'sign out', endUserSessions, true);
  return { ended };
}

/** Ends one of the member's sessions; someone else's session id, or one already ended: nothing. */
export async function endMemberSession(
  db: Db,
  tenantId: string,
  input: { userId: string; sessionId: string; actor: Admin; requestId?: string | null },
): Promise<{ ended: boolean }> {
  const sessionId = z.uuid('unknown session').parse(input.sessionId);
  const ended = await endOfMember(
    db,
    tenantId,
    input,
    'end a session of',
    async (tx, userId) =>
      (await tx.userSession.deleteMany({ where: { id: sessionId, userId } })).count,
    false,
  );
  return { ended: ended > 0 };
}
