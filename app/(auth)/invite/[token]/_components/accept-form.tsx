'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import type { ActionResult } from '@/lib/http/action-result';
import { acceptInvitationAction } from '../actions';

const input = 'mt-1 w-full rounded border border-slate-300 px-3 py-2';

/** New people choose a name and password; existing accounts confirm with their password. */
export function AcceptForm({
  secret,
  email,
  existingUser,
  minLength,
}: {
  secret: string;
  email: string;
  existingUser: boolean;
  minLength: number;
}) {
  const [state, submit, pending] = useActionState<ActionResult | null, FormData>(
    acceptInvitationAction,
    null,
  );
  return (
    <form action={submit} className="space-y-4">
      <input type="hidden" name="secret" value={secret} />
      {/* lets password managers file the new password under the right account */}
      <input type="hidden" name="username" value={email} autoComplete="username" />
      {existingUser ? (
        <>
          <p className="text-sm text-slate-700">
            You already have a Waybill account. Enter its password to add this tenant to it.
          </p>
          <label className="block text-sm font-medium">
            Your current password
            <input
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              className={input}
            />
          </label>
        </>
      ) : (
        <>
          <label className="block text-sm font-medium">
            Your name
            <input name="name" autoComplete="name" required maxLength={100} className={input} />
          </label>
          <NewPasswordFields minLength={minLength} />
        </>
      )}
      <ActionMessage state={state} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Joining…' : existingUser ? 'Join with my account' : 'Create account and join'}
      </button>
    </form>
  );
}
