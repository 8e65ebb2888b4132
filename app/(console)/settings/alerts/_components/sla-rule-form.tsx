'use client';

import { ActionMessage } from '@/components/ui/action-message';
import { useFormKeepingInput } from '@/components/ui/use-form-keeping-input';
import { createSlaRuleAction, updateSlaRuleAction } from '../actions';

export interface SlaRuleFormValues {
  id: string;
  name: string;
  startFlowId: string | null;
  expectFlowId: string;
  withinMinutes: number;
  enabled: boolean;
}

const input = 'mt-1 w-full max-w-md rounded border border-slate-300 px-2 py-1 text-sm';

/** Creates a rule, or edits `rule` when given. Field ids are prefixed so several forms coexist. */
export function SlaRuleForm({
  flows,
  rule,
}: {
  flows: { id: string; name: string }[];
  rule?: SlaRuleFormValues;
}) {
  const { state, pending, formProps } = useFormKeepingInput(
    rule ? updateSlaRuleAction : createSlaRuleAction,
  );
  const p = rule ? `sla-${rule.id}` : 'sla-new';
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  if (flows.length === 0)
    return (
      <p className="text-sm text-slate-600">
        There are no flows yet: an SLA rule measures the time between steps of flows.
      </p>
    );
  return (
    <form {...formProps} className="max-w-3xl space-y-3">
      {rule && <input type="hidden" name="id" value={rule.id} />}
      <div>
        <label htmlFor={`${p}-name`} className="block text-sm font-medium">
          Name
        </label>
        <p id={`${p}-name-help`} className="text-xs text-slate-600">
          What is expected, e.g. &ldquo;warehouse acknowledgement within 30 minutes of
          payment&rdquo;.
        </p>
        <input
          id={`${p}-name`}
          name="name"
          required
          maxLength={100}
          defaultValue={rule?.name}
          aria-describedby={`${p}-name-help`}
          aria-invalid={fieldErrors?.name ? true : undefined}
          className={input}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${p}-start`} className="block text-sm font-medium">
            Clock starts when this flow completes
          </label>
          <select
            id={`${p}-start`}
            name="startFlowId"
            defaultValue={rule?.startFlowId ?? ''}
            className={input}
          >
            <option value="">— when the expected flow receives the order —</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${p}-expect`} className="block text-sm font-medium">
            Expected flow
          </label>
          <select
            id={`${p}-expect`}
            name="expectFlowId"
            required
            defaultValue={rule?.expectFlowId ?? ''}
            aria-invalid={fieldErrors?.expectFlowId ? true : undefined}
            className={input}
          >
            <option value="" disabled>
              Choose the step that must happen
            </option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div>
        <label htmlFor={`${p}-within`} className="block text-sm font-medium">
          Within (minutes)
        </label>
        <p id={`${p}-within-help`} className="text-xs text-slate-600">
          From 1 minute to 10080 (a week).
        </p>
        <input
          id={`${p}-within`}
          name="withinMinutes"
          type="number"
          inputMode="numeric"
          required
          min={1}
          max={10080}
          defaultValue={rule?.withinMinutes ?? 30}
          aria-describedby={`${p}-within-help`}
          aria-invalid={fieldErrors?.withinMinutes ? true : undefined}
          className="mt-1 w-32 rounded border border-slate-300 px-2 py-1 text-sm"
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} />
        Enabled (checked every minute)
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Saving…' : rule ? 'Save changes' : 'Create SLA rule'}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
