'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { startPreflight } from '../actions';

/** "Check at the targets first": starts a pre-flight of exactly the previewed filter. */
export function PreflightButton({ fields }: { fields: [string, string][] }) {
  const [state, submit, pending] = useActionState(startPreflight, null);
  return (
    <form action={submit} className="space-y-1">
      {fields.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50 disabled:opacity-60"
      >
        {pending ? 'Starting the check…' : 'Check at the targets first'}
      </button>
      <p className="text-xs text-slate-600">
        Asks each target that can look records up whether it already has them, at its rate limit.
        Those it has are linked, not sent again.
      </p>
      <ActionMessage state={state} />
    </form>
  );
}
