// What the session token (next-auth's JWT) becomes on each read: set at sign-in, ended when idle
// or too old or when its server-side session row is gone (signed out, ended everywhere, password,
// role or membership changed: lib/identity/user-session.ts), its tenant changed only after the
// membership is checked again on the server. Kept apart from next-auth's callback signature so it
// can be tested with a real database.
import { z } from 'zod';
import type { StoredSessionVerdict } from '@/lib/identity/session-record';
import { sessionVerdict, type SessionLimits, type SessionVerdict } from './session-expiry';

export interface SessionToken {
  userId?: string;
  tenantId?: string;
  signedInAt?: unknown;
  lastActiveAt?: unknown;
  /** the server-side session row (user_sessions.id) */
  sessionId?: unknown;
  [key: string]: unknown;
}

/** Thrown to end a session: next-auth then clears the cookie and every reader sees no session. */
export type SessionEnd = Exclude<SessionVerdict | StoredSessionVerdict, 'active'>;

export class SessionEndedError extends Error {
  constructor(readonly verdict: SessionEnd) {
    super(`session ended: ${verdict}`);
    this.name = 'SessionEndedError';
  }
}

export interface TokenEvent {
  /** present only at sign-in; sessionId is the row authorize() created */
  user?: { id: string; tenantId?: string; sessionId?: string };
  trigger?: 'signIn' | 'signUp' | 'update';
  /** what the client sent with update() */
  session?: unknown;
}

export interface TokenDeps {
  now: number;
  limits: SessionLimits;
  /** true when the user may act in that tenant right now (member, not disabled) */
  isMember(userId: string, tenantId: string): Promise<boolean>;
  /** the server-side session row: does it still stand (one indexed lookup), and follow a switch */
  sessions: {
    check(sessionId: string, userId: string): Promise<StoredSessionVerdict>;
    moved(sessionId: string, tenantId: string): Promise<void>;
  };
}

const switchRequest = z.object({ tenantId: z.uuid() });
const sessionIdSchema = z.uuid();

export async function nextSessionToken<T extends SessionToken>(
  token: T,
  event: TokenEvent,
  deps: TokenDeps,
): Promise<T> {
  if (event.user) {
    // No row, no session: a token without one could never be revoked.
    if (!event.user.sessionId) throw new SessionEndedError('invalid');
    return {
      ...token,
      userId: event.user.id,
      tenantId: event.user.tenantId,
      sessionId: event.user.sessionId,
      signedInAt: deps.now,
      lastActiveAt: deps.now,
    };
  }
  const verdict = sessionVerdict(token, deps.now, deps.limits);
  if (verdict !== 'active') throw new SessionEndedError(verdict);
  // Tokens issued before server-side sessions existed carry no row id: sign in again.
  const sessionId = sessionIdSchema.safeParse(token.sessionId);
  if (!sessionId.success || typeof token.userId !== 'string')
    throw new SessionEndedError('invalid');
  const stored = await deps.sessions.check(sessionId.data, token.userId);
  if (stored !== 'active') throw new SessionEndedError(stored);
  const next: T = { ...token, lastActiveAt: deps.now };
  if (event.trigger === 'update') {
    const wanted = switchRequest.safeParse(event.session);
    // Not a member (any more): the tenant stays as it was and the client sees it did not change.
    if (wanted.success && (await deps.isMember(token.userId, wanted.data.tenantId))) {
      next.tenantId = wanted.data.tenantId;
      await deps.sessions.moved(sessionId.data, wanted.data.tenantId);
    }
  }
  return next;
}
