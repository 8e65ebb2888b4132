'use client';

// Opens the guided recovery of a paused connection or one whose circuit is open: the server starts
// one (or finds the one already under way) and the browser goes to its page.
import { useActionState } from 'react';
import { startRecoveryAction } from '../actions';

const SECONDARY =
  'rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60';

export function StartRecoveryButton({
  connectionId,
  name,
}: {
  connectionId: string;
  name: string;
}) {
  const [state, formAction, pending] = useActionState(startRecoveryAction, null);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="connectionId" value={connectionId} />
      <button type="submit" disabled={pending} className={SECONDARY}>
        {pending ? 'Opening…' : 'Guided recovery'}
        <span className="sr-only"> of {name}</span>
      </button>
      {/* success goes to the recovery's page; only a refusal is said here (an alert is announced
          when it appears, and the row's other live regions stay the pause toggle's) */}
      {state && !state.ok && (
        <p role="alert" className="max-w-xs text-sm text-red-800">
          {state.error}
        </p>
      )}
    </form>
  );
}
