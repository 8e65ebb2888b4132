'use client';

import { useActionState, useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { replayTransaction } from '../actions';

/**
 * Shown to roles that may replay. The form appears only while the transaction is replayable; the
 * panel stays mounted after a replay so its confirmation survives the refreshed page, where the
 * status has moved on and the form is gone.
 */
export function ReplayPanel({
  transactionId,
  replayable,
}: {
  transactionId: string;
  replayable: boolean;
}) {
  const [state, submit, pending] = useActionState(replayTransaction, null);
  // Controlled, so a refused submission keeps what the person wrote.
  const [reason, setReason] = useState('');
  if (!replayable && !state) return null;
  const reasonError = state && !state.ok ? state.fieldErrors?.reason?.[0] : undefined;
  return (
    <section
      aria-labelledby="replay-heading"
      className="mt-6 rounded border border-slate-200 bg-white p-4"
    >
      <h2 id="replay-heading" className="text-lg font-semibold">
        Replay
      </h2>
      {replayable && (
        <form action={submit} className="mt-2 space-y-2">
          <p className="text-sm text-slate-600">
            Sends this transaction through dispatch again with the same idempotency key, so the
            provider recognises a command it already applied.
          </p>
          <input type="hidden" name="transactionId" value={transactionId} />
          <label htmlFor="replay-reason" className="block text-sm font-medium">
            Reason
          </label>
          <textarea
            id="replay-reason"
            name="reason"
            required
            minLength={3}
            maxLength={500}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby="replay-reason-help"
            aria-invalid={reasonError ? true : undefined}
            className="w-full max-w-xl rounded border border-slate-300 px-3 py-2 text-sm"
          />
          <p id="replay-reason-help" className="text-xs text-slate-600">
            Required, at least 3 characters. It goes on the timeline with your name.
          </p>
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
          >
            {pending ? 'Replaying…' : 'Replay'}
          </button>
        </form>
      )}
      <ActionMessage state={state} className="mt-2" />
    </section>
  );
}
