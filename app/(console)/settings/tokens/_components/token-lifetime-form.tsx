'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { setTokenLifetime } from '../actions';

/** The organisation's maximum token lifetime: lowering it also ends older tokens at once. */
export function TokenLifetimeForm({ days }: { days: number }) {
  const [state, submit, pending] = useActionState(setTokenLifetime, null);
  return (
    <form action={submit} className="flex max-w-2xl flex-wrap items-end gap-3">
      <div>
        <label htmlFor="token-max-days" className="block text-sm font-medium">
          Maximum token lifetime (days)
        </label>
        <input
          id="token-max-days"
          name="days"
          type="number"
          min={1}
          max={3650}
          required
          defaultValue={days}
          className="mt-1 w-28 rounded border border-slate-300 px-2 py-1 text-sm"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Save'}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
