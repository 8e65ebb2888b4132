// Server-side sessions: a row per signed-in browser, created at sign-in, its id carried in the
// session token, looked up (by primary key, one query) on every request that reads the session,
// deleted on sign-out. Deleting the rows of a person ends every session they have, wherever the
// cookies are: signing out everywhere, a password reset, a role change or being removed all do
// that inside the transaction of the change. The token's own times (lib/auth/session-expiry.ts)
// still apply; the row's times repeat them so a copied cookie cannot outlive the row either.
import type { Db } from '@/lib/db';
import { auditEverywhere } from './audit-everywhere';
import {
  ADDRESS_MAX,
  clipClientText,
  isTouchDue,
  storedSessionVerdict,
  USER_AGENT_MAX,
  type StoredSessionVerdict,
} from './session-record';

/** Expired rows removed by one sign-in: each sign-in adds one row, so the backlog cannot grow. */
export const EXPIRED_SWEEP_LIMIT = 100;

/** The part of a client (or transaction) this module needs: Db, TenantTx and a plain tx all fit. */
interface SessionRows {
  userSession: {
    deleteMany(args: { where: { userId: string; id?: { not: string } } }): Promise<{
      count: number;
    }>;
  };
}

export async function startUserSession(
  db: Db,
  input: {
    userId: string;
    tenantId: string;
    userAgent?: string | null;
    ip?: string | null;
    /** SESSION_MAX_HOURS in ms: the absolute end of this session */
    maxMs: number;
    now?: Date;
  },
): Promise<{ id: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  await deleteExpiredUserSessions(db, { now, limit: EXPIRED_SWEEP_LIMIT });
  return db.userSession.create({
    data: {
      userId: input.userId,
      tenantId: input.tenantId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + input.maxMs),
      userAgent: clipClientText(input.userAgent, USER_AGENT_MAX),
      ip: clipClientText(input.ip, ADDRESS_MAX),
    },
    select: { id: true, expiresAt: true },
  });
}

/**
 * Whether the session a token names still stands. One primary-key lookup per call; when the row
 * was last seen a minute ago or more, one more statement moves lastSeenAt (at most once a minute).
 */
export async function checkUserSession(
  db: Db,
  input: { sessionId: string; userId: string; idleMs: number; now?: Date },
): Promise<StoredSessionVerdict> {
  const now = (input.now ?? new Date()).getTime();
  const row = await db.userSession.findUnique({
    where: { id: input.sessionId },
    select: { userId: true, lastSeenAt: true, expiresAt: true },
  });
  const verdict = storedSessionVerdict(row, input.userId, now, input.idleMs);
  if (verdict === 'active' && row && isTouchDue(row.lastSeenAt, now))
    // updateMany: a row deleted meanwhile is simply not touched (and refused on the next read)
    await db.userSession.updateMany({
      where: { id: input.sessionId },
      data: { lastSeenAt: new Date(now) },
    });
  return verdict;
}

/** The tenant switcher moved the session: the row follows, for the person's list of sessions. */
export async function moveUserSession(db: Db, sessionId: string, tenantId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId }, data: { tenantId } });
}

/** Sign-out: the row goes, so a copy of the cookie is refused from now on. */
export async function endUserSession(db: Db, sessionId: string): Promise<boolean> {
  const { count } = await db.userSession.deleteMany({ where: { id: sessionId } });
  return count === 1;
}

/**
 * Ends every session of a person (or all but one). Pass the transaction of the change that
 * requires it (password, role, membership), so both commit together or neither does.
 */
export async function endUserSessions(
  tx: SessionRows,
  userId: string,
  options: { except?: string } = {},
): Promise<number> {
  const { count } = await tx.userSession.deleteMany({
    where: { userId, ...(options.except ? { id: { not: options.except } } : {}) },
  });
  return count;
}

/** "Sign out everywhere": every session of the person, this one included, audited in every
 *  tenant they belong to (each tenant's admins see it, like sign-ins). The count is recorded as
 *  browsersSignedOut: audit snapshots redact any key that mentions a session. */
export async function signOutEverywhere(
  db: Db,
  input: { userId: string; label: string; requestId?: string | null; now?: Date },
): Promise<{ ended: number }> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ended = await endUserSessions(tx, input.userId);
    const memberships = await tx.membership.findMany({
      where: { userId: input.userId },
      select: { tenantId: true },
    });
    await auditEverywhere(
      tx,
      memberships.map((m) => m.tenantId),
      {
        actor: { userId: input.userId, tokenId: null, label: input.label },
        requestId: input.requestId ?? null,
        at: now,
        action: 'auth.signed_out_everywhere',
        userId: input.userId,
        after: { browsersSignedOut: ended },
      },
    );
    return { ended };
  });
}

/** One of the person's own sessions, ended from their list; someone else's id ends nothing. */
export async function endOwnUserSession(
  db: Db,
  input: { userId: string; sessionId: string },
): Promise<boolean> {
  const { count } = await db.userSession.deleteMany({
    where: { id: input.sessionId, userId: input.userId },
  });
  return count === 1;
}

/** Rows past their absolute end, oldest first, at most `limit` (bounded work per call). */
export async function deleteExpiredUserSessions(
  db: Db,
  input: { now?: Date; limit: number },
): Promise<number> {
  const now = input.now ?? new Date();
  return db.$executeRaw`
    DELETE FROM user_sessions WHERE id IN (
      SELECT id FROM user_sessions WHERE expires_at <= ${now}
      ORDER BY expires_at LIMIT ${input.limit}
      FOR UPDATE SKIP LOCKED)`;
}
