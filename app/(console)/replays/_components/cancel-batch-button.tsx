'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { cancelReplay } from '../actions';

export function CancelBatchButton({ batchId, label }: { batchId: string; label: string }) {
  const [state, submit, pending] = useActionState(cancelReplay, null);
  return (
    <form action={submit} className="space-y-1">
      <input type="hidden" name="batchId" value={batchId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-red-700 bg-white px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? 'Cancelling…' : 'Cancel'}
        <span className="sr-only"> {label}</span>
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
