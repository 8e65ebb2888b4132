// What the session token (next-auth's JWT) becomes on each read: set at sign-in, ended when idle
// or too old, its tenant changed only after the membership is checked again on the server.
// Kept apart from next-auth's callback signature so it can be tested with a real database.
import { z } from 'zod';
import { sessionVerdict, type SessionLimits, type SessionVerdict } from './session-expiry';

export interface SessionToken {
  userId?: string;
  tenantId?: string;
  signedInAt?: unknown;
  lastActiveAt?: unknown;
  [key: string]: unknown;
}

/** Thrown to end a session: next-auth then clears the cookie and every reader sees no session. */
export class SessionEndedError extends Error {
  constructor(readonly verdict: Exclude<SessionVerdict, 'active'>) {
    super(`session ended: ${verdict}`);
    this.name = 'SessionEndedError';
  }
}

export interface TokenEvent {
  /** present only at sign-in */
  user?: { id: string; tenantId?: string };
  trigger?: 'signIn' | 'signUp' | 'update';
  /** what the client sent with update() */
  session?: unknown;
}

export interface TokenDeps {
  now: number;
  limits: SessionLimits;
  /** true when the user may act in that tenant right now (member, not disabled) */
  isMember(userId: string, tenantId: string): Promise<boolean>;
}

const switchRequest = z.object({ tenantId: z.uuid() });

export async function nextSessionToken<T extends SessionToken>(
  token: T,
  event: TokenEvent,
  deps: TokenDeps,
): Promise<T> {
  if (event.user)
    return {
      ...token,
      userId: event.user.id,
      tenantId: event.user.tenantId,
      signedInAt: deps.now,
      lastActiveAt: deps.now,
    };
  const verdict = sessionVerdict(token, deps.now, deps.limits);
  if (verdict !== 'active') throw new SessionEndedError(verdict);
  const next: T = { ...token, lastActiveAt: deps.now };
  if (event.trigger === 'update') {
    const wanted = switchRequest.safeParse(event.session);
    // Not a member (any more): the tenant stays as it was and the client sees it did not change.
    if (wanted.success && token.userId && (await deps.isMember(token.userId, wanted.data.tenantId)))
      next.tenantId = wanted.data.tenantId;
  }
  return next;
}
