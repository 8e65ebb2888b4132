'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import type { ActionResult } from '@/lib/http/action-result';
import { changePasswordAction } from '../actions';

/** The current password, then the new one typed twice; the server judges both. */
export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const [state, submit, pending] = useActionState<ActionResult | null, FormData>(
    changePasswordAction,
    null,
  );
  return (
    <form action={submit} className="max-w-sm space-y-4" aria-label="Change password">
      <label className="block text-sm font-medium">
        Current password
        <input
          name="current"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </label>
      <NewPasswordFields minLength={minLength} label="New password" />
      <ActionMessage state={state} />
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}
