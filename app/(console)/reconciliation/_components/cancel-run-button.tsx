'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { cancelRun } from '../actions';

/** Stops a running comparison after its current chunk; what it found so far stays. */
export function CancelRunButton({ runId }: { runId: string }) {
  const [state, submit, pending] = useActionState(cancelRun, null);
  return (
    <form action={submit} className="flex items-center gap-2">
      <input type="hidden" name="runId" value={runId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-red-700 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? 'Cancelling…' : 'Cancel run'}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
