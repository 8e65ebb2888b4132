'use client';

// The forms of a guided recovery's steps, each bound to its server action (useActionState). The
// page renders only the form whose turn it is; the server refuses a step out of turn anyway, and
// its words are shown beside the form.
import { useActionState, useId } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import type { ActionResult } from '@/lib/http/action-result';
import {
  confirmFixAction,
  finishRecoveryAction,
  previewDrainAction,
  reconcileWindowAction,
  startDrainAction,
} from '../../actions';

const PRIMARY =
  'rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60';
const SECONDARY =
  'rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60';
const INPUT = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm';

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

function fieldError(state: ActionResult | null, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
}

/** One button (and hidden ids) posting to `action`. */
function StepButton({
  action,
  fields,
  label,
  pendingLabel,
  primary = true,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  primary?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className={primary ? PRIMARY : SECONDARY}>
        {pending ? pendingLabel : label}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

export function ConfirmFixForm({ recoveryId }: { recoveryId: string }) {
  const [state, formAction, pending] = useActionState(confirmFixAction, null);
  const id = useId();
  const error = fieldError(state, 'note');
  return (
    <form action={formAction} className="space-y-2" aria-label="Confirm the fix">
      <input type="hidden" name="recoveryId" value={recoveryId} />
      <label htmlFor={`${id}-note`} className="block text-sm font-medium">
        What was fixed (optional)
      </label>
      <input
        id={`${id}-note`}
        name="note"
        maxLength={2000}
        className={`${INPUT} w-full max-w-xl`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className={PRIMARY}>
        {pending ? 'Confirming…' : 'Confirm the fix'}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

export function PreviewButton({ recoveryId, again }: { recoveryId: string; again: boolean }) {
  return (
    <StepButton
      action={previewDrainAction}
      fields={{ recoveryId }}
      label={again ? 'Preview again' : 'Preview the drain'}
      pendingLabel="Counting…"
      primary={!again}
    />
  );
}

export function DrainForm({
  recoveryId,
  suggestedRate,
  connectionLimit,
}: {
  recoveryId: string;
  suggestedRate: number;
  connectionLimit: number | null;
}) {
  const [state, formAction, pending] = useActionState(startDrainAction, null);
  const id = useId();
  const error = fieldError(state, 'ratePerSecond');
  return (
    <form action={formAction} className="space-y-2" aria-label="Drain at a chosen rate">
      <input type="hidden" name="recoveryId" value={recoveryId} />
      <label htmlFor={`${id}-rate`} className="block text-sm font-medium">
        Commands a second
      </label>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {connectionLimit
          ? `The connection's own limit is ${connectionLimit}/s; the lower of the two applies until the recovery ends.`
          : 'The connection has no rate limit of its own; this one applies until the recovery ends.'}
      </p>
      <input
        id={`${id}-rate`}
        name="ratePerSecond"
        type="number"
        min={1}
        max={1000}
        required
        defaultValue={suggestedRate}
        className={`${INPUT} w-28`}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {error}
        </p>
      )}
      <div>
        <button type="submit" disabled={pending} className={PRIMARY}>
          {pending ? 'Starting…' : 'Resume and drain'}
        </button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}

export function ReconcileButton({ recoveryId }: { recoveryId: string }) {
  return (
    <StepButton
      action={reconcileWindowAction}
      fields={{ recoveryId }}
      label="Reconcile the outage window"
      pendingLabel="Starting runs…"
    />
  );
}

export function CompleteButton({ recoveryId }: { recoveryId: string }) {
  return (
    <StepButton
      action={finishRecoveryAction}
      fields={{ recoveryId, outcome: 'completed' }}
      label="Complete the recovery"
      pendingLabel="Completing…"
    />
  );
}

export function AbandonForm({ recoveryId }: { recoveryId: string }) {
  const [state, formAction, pending] = useActionState(finishRecoveryAction, null);
  const id = useId();
  return (
    <form action={formAction} className="space-y-2" aria-label="Abandon the recovery">
      <input type="hidden" name="recoveryId" value={recoveryId} />
      <input type="hidden" name="outcome" value="abandoned" />
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
        Why abandon it
      </label>
      <input
        id={`${id}-reason`}
        name="reason"
        required
        maxLength={2000}
        className={`${INPUT} w-full max-w-xl`}
      />
      <button type="submit" disabled={pending} className={SECONDARY}>
        {pending ? 'Abandoning…' : 'Abandon the recovery'}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
