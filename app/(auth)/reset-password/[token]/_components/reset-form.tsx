'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import type { ActionResult } from '@/lib/http/action-result';
import { resetPasswordAction } from '../actions';

const input = 'mt-1 w-full rounded border border-slate-300 px-3 py-2';

/** The new password, typed twice; the server judges it with the console's rules. */
export function ResetForm({ secret, minLength }: { secret: string; minLength: number }) {
  const [state, submit, pending] = useActionState<ActionResult | null, FormData>(
    resetPasswordAction,
    null,
  );
  return (
    <form action={submit} className="space-y-4">
      <input type="hidden" name="secret" value={secret} />
      <label className="block text-sm font-medium">
        New password
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          aria-describedby="password-hint"
          className={input}
        />
      </label>
      <p id="password-hint" className="text-xs text-slate-600">
        At least {minLength} characters, not your email address. A few words make a good one.
      </p>
      <label className="block text-sm font-medium">
        Confirm new password
        <input
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          className={input}
        />
      </label>
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
