'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { cancelPreflight } from '../actions';

export function CancelPreflightButton({ preflightId }: { preflightId: string }) {
  const [state, submit, pending] = useActionState(cancelPreflight, null);
  return (
    <form action={submit} className="space-y-1">
      <input type="hidden" name="preflightId" value={preflightId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-red-700 bg-white px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? 'Cancelling…' : 'Cancel check'}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
