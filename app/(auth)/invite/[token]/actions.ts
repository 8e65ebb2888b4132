'use server';

// Accepting an invitation from its link. No session is needed: the link's secret is the proof,
// checked (hashed) by lib/members/accept-invitation.ts, which also decides whether this is a new
// account (name + password) or an existing one (current password).
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { actionFailure, failed, type ActionResult } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { acceptInvitation } from '@/lib/members/accept-invitation';
import { serverContext } from '@/lib/server/context';

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};

export async function acceptInvitationAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const password = field(form, 'password');
    if (password !== undefined && password !== field(form, 'confirm'))
      return failed(422, 'The two passwords are not the same. Type them again.');
    await acceptInvitation(ctx.db, {
      secret: field(form, 'secret') ?? '',
      name: field(form, 'name'),
      password,
      currentPassword: field(form, 'currentPassword'),
      requestId: requestIdOf(await headers()),
    });
  } catch (error) {
    return actionFailure(error, ctx.log, 'accept this invitation');
  }
  redirect('/login?notice=joined');
}
