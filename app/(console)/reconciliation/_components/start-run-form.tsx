'use client';

import { ActionMessage } from '@/components/ui/action-message';
import { useFormKeepingInput } from '@/components/ui/use-form-keeping-input';
import type { ReconcilableFlow } from '@/lib/reconciliation/reconcilable-flows';
import { startRun } from '../actions';

/**
 * Force a run: one flow, whole UTC days (both ends included). The nightly schedule checks
 * yesterday; finance forces a run for today, a re-run after a fix, or a month-end window.
 */
export function StartRunForm({ flows, today }: { flows: ReconcilableFlow[]; today: string }) {
  const { state, pending, formProps } = useFormKeepingInput(startRun);
  const fieldErrors = state?.fieldErrors;
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
          defaultValue={today}
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
          defaultValue={today}
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
      <ActionMessage state={state} className="basis-full" />
    </form>
  );
}
