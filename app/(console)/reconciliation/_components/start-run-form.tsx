'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { useFormKeepingInput } from '@/components/ui/use-form-keeping-input';
import type { ReconcilableFlow } from '@/lib/reconciliation/reconcilable-flows';
import { formatIsoDay } from '@/lib/reconciliation/window-text';
import { startRun } from '../actions';

/**
 * Force a run: one flow, whole UTC days (both ends included). The nightly schedule checks
 * yesterday; finance forces a run for today, a re-run after a fix, or a month-end window.
 */
export function StartRunForm({ flows, today }: { flows: ReconcilableFlow[]; today: string }) {
  const { state, pending, formProps } = useFormKeepingInput(startRun);
  const fieldErrors = state?.fieldErrors;
  // The native pickers show the browser's date order (12/05 or 05/12): the chosen days are
  // repeated in words below them, in the format the rest of the page uses.
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const fromText = formatIsoDay(from);
  const toText = formatIsoDay(to);
  if (flows.length === 0)
    return (
      <p className="text-sm text-slate-700">
        No flow can be reconciled yet: a flow needs a source that lists records or a target that can
        be looked up.
      </p>
    );
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3" aria-label="Start a run">
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="run-flow" className="font-medium">
          Flow
        </label>
        <select
          id="run-flow"
          name="flowId"
          required
          aria-invalid={fieldErrors?.flowId ? true : undefined}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} ({f.source} → {f.target})
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="run-from" className="font-medium">
          First day (UTC)
        </label>
        <input
          id="run-from"
          name="from"
          type="date"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          aria-describedby="run-window-chosen"
          max={today}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        />
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="run-to" className="font-medium">
          Last day (UTC)
        </label>
        <input
          id="run-to"
          name="to"
          type="date"
          required
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-describedby="run-window-chosen"
          max={today}
          aria-invalid={fieldErrors?.windowTo ? true : undefined}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Starting…' : 'Run reconciliation'}
      </button>
      <p id="run-window-chosen" className="basis-full text-xs text-slate-600">
        {fromText && toText
          ? `Window: ${fromText} – ${toText}, whole UTC days (00:00 UTC to 24:00 UTC). The pickers show your browser's date order; this page writes dates as dd MMM yyyy.`
          : 'Pick the first and last day; both are UTC days.'}
        {from === today || to === today
          ? " Today's window is still open: it will not be complete until 00:00 UTC."
          : ''}
      </p>
      <ActionMessage state={state} className="basis-full" />
    </form>
  );
}
