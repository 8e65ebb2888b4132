'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import type { ActionResult } from '@/lib/http/action-result';
import { resetPasswordAction } from '../actions';

/** The new password, typed twice; the server judges it with the console's rules. */
export function ResetForm({ secret, minLength }: { secret: string; minLength: number }) {
  const [state, submit, pending] = useActionState<ActionResult | null, FormData>(
    resetPasswordAction,
    null,
  );
  return (
    <form action={submit} className="space-y-4">
      <input type="hidden" name="secret" value={secret} />
      <NewPasswordFields minLength={minLength} label="New password" />
      <ActionMessage state={state} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Save new password'}
      </button>
    </form>
  );
}
