'use server';

// The signed-in person's own account: change their password (their other sessions end), sign out
// everywhere (every browser, this one included) and end one other session from the list. Every role may, for themselves only: the permission is one
// every role holds, and the use cases take the person's id from the session, never from the form.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import { currentSession } from '@/lib/auth/session';
import { changeOwnPassword } from '@/lib/identity/change-password';
import { endOwnUserSession, signOutEverywhere } from '@/lib/identity/user-session';
import { setUserTimeZone } from '@/lib/identity/user-time-zone';

const PAGE = '/account';

export const signOutEverywhereAction = defineFormAction({
  permission: 'transactions.read',
  doing: 'sign out everywhere',
  // an explicit confirmation: an empty POST (or a stray one) ends nothing
  input: z.object({ confirm: z.literal('everywhere', 'confirm signing out everywhere') }),
  async run({ ctx, actor, audit }): Promise<never> {
    await signOutEverywhere(ctx.db, {
      userId: actor.userId,
      label: actor.name,
      requestId: audit.requestId,
    });
    // This browser's cookie names a deleted row now: the sign-in page treats it as signed out.
    redirect('/login?notice=signed_out_everywhere');
  },
});

export const endSessionAction = defineFormAction({
  permission: 'transactions.read',
  doing: 'end a session',
  input: z.object({ id: z.uuid('unknown session') }),
  revalidate: [PAGE],
  async run({ ctx, actor, input }): Promise<ActionResult> {
    const ended = await endOwnUserSession(ctx.db, { userId: actor.userId, sessionId: input.id });
    // someone else's session, or one already ended: the same answer
    if (!ended) return failed(404, 'That session has already ended.');
    return succeeded('Session ended: that browser is signed out.');
  },
});

// The zone the console shows times in; '' clears the choice (the browser's own zone applies).
export const setTimeZoneAction = defineFormAction({
  permission: 'transactions.read',
  doing: 'change your time zone',
  input: z.object({ timeZone: z.string().max(64) }),
  // every page shows times: the whole console renders again in the new zone
  revalidate: [{ path: '/', type: 'layout' }],
  async run({ ctx, actor, input }): Promise<ActionResult> {
    if (actor.kind !== 'user') return failed(403, 'Only a person has a time zone.');
    const chosen = input.timeZone.trim() || null;
    const result = await setUserTimeZone(ctx.db, { userId: actor.userId, timeZone: chosen });
    if (!result.ok) return failed(422, `"${chosen}" is not a time zone this server knows.`);
    return succeeded(
      result.timeZone
        ? `Times are now shown in ${result.timeZone}.`
        : "Times are now shown in your browser's time zone.",
    );
  },
});

export const changePasswordAction = defineFormAction({
  permission: 'transactions.read',
  doing: 'change your password',
  input: z.object({
    current: z.string().max(400).default(''),
    password: z.string().max(400).default(''),
    confirm: z.string().max(400).default(''),
  }),
  revalidate: [PAGE],
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    if (actor.kind !== 'user') return failed(403, 'Only a person has a password.');
    if (input.password !== input.confirm)
      return failed(422, 'The two new passwords are not the same. Type them again.');
    const session = await currentSession();
    const { otherSessionsEnded } = await changeOwnPassword(ctx.db, {
      userId: actor.userId,
      currentSessionId: session?.sessionId ?? null,
      current: input.current,
      next: input.password,
      label: actor.name,
      requestId: audit.requestId,
    });
    return succeeded(
      otherSessionsEnded === 0
        ? 'Password changed.'
        : `Password changed. ${otherSessionsEnded === 1 ? 'One other browser was' : `${otherSessionsEnded} other browsers were`} signed out.`,
    );
  },
});
