'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { setRetention } from '../actions';

/** The tenant's payload retention in days; an empty field keeps payloads forever. */
export function RetentionForm({ days }: { days: number | null }) {
  const [state, submit, pending] = useActionState(setRetention, null);
  return (
    <form action={submit} className="mt-3 flex max-w-2xl flex-wrap items-end gap-3">
      <div>
        <label htmlFor="retention-days" className="block text-sm font-medium">
          Keep raw payloads and provider responses for (days)
        </label>
        <input
          id="retention-days"
          name="days"
          type="number"
          min={1}
          max={3650}
          placeholder="forever"
          aria-describedby="retention-days-hint"
          defaultValue={days ?? ''}
          className="mt-1 w-28 rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <p id="retention-days-hint" className="mt-1 text-xs text-slate-600">
          1 to 3650 days; leave empty to keep them forever.
        </p>
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
