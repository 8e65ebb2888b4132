'use client';

import { useId } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { useFormKeepingInput } from '@/components/ui/use-form-keeping-input';
import type { ReconcilableFlow } from '@/lib/reconciliation/reconcilable-flows';
import { saveSchedule } from '../actions';

/** One flow's schedule: on or off, and when (a UTC cron pattern; empty keeps 02:15). */
export function ScheduleForm({ flow }: { flow: ReconcilableFlow }) {
  const id = useId();
  const { state, pending, formProps } = useFormKeepingInput(saveSchedule);
  const cronError = state && !state.ok ? state.fieldErrors?.cron?.[0] : undefined;
  return (
    <form
      {...formProps}
      aria-label={`Schedule of ${flow.name}`}
      className="flex flex-wrap items-center gap-3"
    >
      <input type="hidden" name="flowId" value={flow.id} />
      <label className="flex items-center gap-1.5 text-sm">
        <input type="checkbox" name="scheduled" defaultChecked={flow.schedule.scheduled} />
        Checked on a schedule
      </label>
      <label htmlFor={`${id}-cron`} className="text-sm">
        Cron (UTC)
      </label>
      <input
        id={`${id}-cron`}
        name="cron"
        defaultValue={flow.schedule.isDefault ? '' : flow.schedule.cron}
        placeholder="15 2 * * *"
        aria-describedby={`${id}-help`}
        aria-invalid={cronError ? true : undefined}
        className="w-36 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
      />
      <span id={`${id}-help`} className="sr-only">
        Five fields, minute hour day-of-month month day-of-week, at most hourly; empty means 02:15
      </span>
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Save'}
        <span className="sr-only"> schedule of {flow.name}</span>
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
