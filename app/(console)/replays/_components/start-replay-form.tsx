'use client';

import { useActionState, useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { startReplay } from '../actions';

/** The confirmation step: the previewed count, a required reason, and the filter in hidden fields;
 *  with a pre-flight, its id too, so what it found at the target is linked, not sent again. */
export function StartReplayForm({
  count,
  fields,
  preflight = null,
}: {
  count: number;
  fields: [string, string][];
  preflight?: { id: string; found: number } | null;
}) {
  const [state, submit, pending] = useActionState(startReplay, null);
  const [reason, setReason] = useState('');
  const reasonError = state && !state.ok ? state.fieldErrors?.reason?.[0] : undefined;
  return (
    <form action={submit} className="mt-3 space-y-2">
      {fields.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      {preflight && <input type="hidden" name="preflightId" value={preflight.id} />}
      <label htmlFor="batch-reason" className="block text-sm font-medium">
        Reason
      </label>
      <textarea
        id="batch-reason"
        name="reason"
        required
        minLength={3}
        maxLength={500}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-describedby="batch-reason-help"
        aria-invalid={reasonError ? true : undefined}
        className="w-full max-w-xl rounded border border-slate-300 px-3 py-2 text-sm"
      />
      <p id="batch-reason-help" className="text-xs text-slate-600">
        Required, at least 3 characters. It goes on every replayed transaction&apos;s timeline.
      </p>
      {preflight && preflight.found > 0 && (
        <p className="text-xs text-slate-700">
          The {preflight.found === 1 ? 'transaction' : `${preflight.found} transactions`} found at
          the target will be linked to the record there, not sent again.
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Starting…' : 'Start replay'}
        <span className="sr-only"> of {count} transactions</span>
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
