'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import type { ActionResult } from '@/lib/http/action-result';
import { secondFactorPolicyAction } from '../actions';

/** The tenant's rule: admins must use two-factor authentication. */
export function SecondFactorPolicyForm({
  requireForAdmins,
  adminsWithout,
}: {
  requireForAdmins: boolean;
  adminsWithout: number;
}) {
  const [state, submit, pending] = useActionState<ActionResult | null, FormData>(
    secondFactorPolicyAction,
    null,
  );
  return (
    <form action={submit} className="space-y-3" aria-label="Two-factor policy">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="requireForAdmins" defaultChecked={requireForAdmins} />
        Require two-factor authentication for admins
      </label>
      <p className="text-sm text-slate-600">
        {adminsWithout === 0
          ? 'Every admin has it set up.'
          : `${adminsWithout} admin${adminsWithout === 1 ? ' has' : 's have'} not set it up yet${requireForAdmins ? ': the console asks them to before anything else' : ''}.`}{' '}
        API tokens are not affected.
      </p>
      <ActionMessage state={state} />
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
