// Session helpers for pages, server actions and route handlers. Every console page calls
// requirePage(permission) itself: layouts do not guard, so a page can never be reached around them.
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { serverContext } from '@/lib/server/context';
import { actorCan, SECOND_FACTOR_DUE_MESSAGE, type Actor } from '@/lib/base/actor';
import { loadActor } from '@/lib/identity/load-actor';
import { authOptions } from './options';
import { type Permission } from '@/lib/base/permissions';
import { REQUEST_PATH_HEADER, signInPath } from '@/lib/base/callback-path';

const sessionIds = z.object({ userId: z.uuid(), tenantId: z.uuid(), sessionId: z.uuid() });

/**
 * The signed-in person and the id of their server-side session row, or null. getServerSession
 * runs the jwt callback, which refuses a session whose row was deleted (lib/auth/options.ts).
 * Once per request: the console layout and its page both ask, and each ask is a session-row
 * lookup and a membership read (React's cache is per request; outside a render it just calls).
 */
export const currentSession = cache(readSession);

async function readSession(): Promise<{ actor: Actor; sessionId: string } | null> {
  const session: unknown = await getServerSession(authOptions());
  const ids = sessionIds.safeParse(session);
  if (!ids.success) return null;
  const actor = await loadActor(serverContext().db, ids.data.userId, ids.data.tenantId);
  return actor && { actor, sessionId: ids.data.sessionId };
}

export async function currentActor(): Promise<Actor | null> {
  return (await currentSession())?.actor ?? null;
}

/** The page where a person sets up their second factor: the one place open while it is due. */
export const SECOND_FACTOR_SETUP_PATH = '/account/two-factor';

interface Guard {
  /** open to an admin who must still set up a second factor (the set-up page and its actions) */
  whileSecondFactorDue?: boolean;
}

/**
 * For pages: without a session, to sign-in and back to this page afterwards (a link from an alert
 * or a colleague survives the detour); 403 without the permission; to the set-up page while the
 * tenant's second-factor requirement is not met.
 */
export async function requirePage(permission: Permission, guard: Guard = {}): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(await signInRedirect());
  if (actor.secondFactorDue && !guard.whileSecondFactorDue)
    redirect(`${SECOND_FACTOR_SETUP_PATH}?required=1`);
  if (!actorCan(actor, permission)) forbidden();
  return actor;
}

/** For server actions and route handlers: throws AppError (401/403) for the caller to map. */
export async function requireActor(permission: Permission, guard: Guard = {}): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first');
  if (actor.secondFactorDue && !guard.whileSecondFactorDue)
    throw new AppError('FORBIDDEN', SECOND_FACTOR_DUE_MESSAGE);
  if (!actorCan(actor, permission))
    throw new AppError('FORBIDDEN', `your role may not ${permission}`);
  return actor;
}

/**
 * /login?callbackUrl=<the page asked for>, with reason=expired when the browser still sent a
 * session cookie (it ended: idle, too old or signed out elsewhere), so the form says why.
 */
async function signInRedirect(): Promise<string> {
  const [requestHeaders, jar] = await Promise.all([headers(), cookies()]);
  // next-auth's cookie: "next-auth.session-token", "__Secure-" before it on https, ".0" etc. when
  // chunked
  const hadSession = jar.getAll().some((c) => /next-auth\.session-token/.test(c.name));
  return signInPath(
    requestHeaders.get(REQUEST_PATH_HEADER),
    hadSession ? { reason: 'expired' } : {},
  );
}
