'use client';

import { useActionState, type ReactNode } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import type { ActionResult } from '@/lib/http/action-result';

/**
 * One section's form: submits to a server action, announces the outcome and lists the fields the
 * server refused, in words. Inputs are uncontrolled, so React resets them after a submission:
 * a secret typed into a write-only field does not linger in the page.
 */
export function ActionForm({
  action,
  submitLabel,
  pendingLabel,
  children,
  label,
  tone = 'primary',
}: {
  action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
  submitLabel: string;
  pendingLabel: string;
  children: ReactNode;
  label: string;
  tone?: 'primary' | 'danger';
}) {
  const [state, submit, pending] = useActionState(action, null);
  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}) : [];
  const button =
    tone === 'danger'
      ? 'bg-red-700 text-white hover:bg-red-800'
      : 'bg-blue-700 text-white hover:bg-blue-800';
  return (
    <form action={submit} aria-label={label} className="space-y-3">
      {children}
      {fieldErrors.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-red-800" aria-label="Problems">
          {fieldErrors.flatMap(([field, messages]) =>
            messages.map((m) => <li key={`${field}:${m}`}>{`${field}: ${m}`}</li>),
          )}
        </ul>
      )}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className={`rounded px-3 py-1.5 text-sm font-medium focus-visible:outline-2 disabled:opacity-60 ${button}`}
        >
          {pending ? pendingLabel : submitLabel}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
