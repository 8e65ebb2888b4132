'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { eraseCustomerAction } from '../actions';

/** What each count of the answer is, in the words of the console's screens. */
const PLACES: Record<string, string> = {
  transactions: 'Transactions',
  inboundEvents: 'Inbound events',
  timelineEntries: 'Timeline entries',
  driftItems: 'Drift items',
  reconciliationRuns: 'Reconciliation runs',
  connections: 'Connections (last error)',
  flows: 'Flows (pause reason)',
  alertEvents: 'Alerts',
  replayBatches: 'Replay batches',
  slaBreaches: 'SLA breaches',
};

const input = 'mt-1 w-full max-w-md rounded border border-slate-300 px-2 py-1 text-sm';

/** The erasure request: the address twice, an optional reference, then the counts per place. */
export function ErasureForm() {
  const [state, submit, pending] = useActionState(eraseCustomerAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <div className="space-y-4">
      <form action={submit} className="space-y-3" aria-describedby="erasure-warning">
        <div>
          <label htmlFor="erase-email" className="block text-sm font-medium">
            Customer email
          </label>
          <input
            id="erase-email"
            name="email"
            type="email"
            required
            autoComplete="off"
            className={input}
          />
          {errors.email && <p className="text-sm text-red-800">{errors.email.join(' ')}</p>}
        </div>
        <div>
          <label htmlFor="erase-confirm" className="block text-sm font-medium">
            Type the address again to confirm
          </label>
          <input
            id="erase-confirm"
            name="confirm"
            type="email"
            required
            autoComplete="off"
            className={input}
          />
          {errors.confirm && <p className="text-sm text-red-800">{errors.confirm.join(' ')}</p>}
        </div>
        <div>
          <label htmlFor="erase-reason" className="block text-sm font-medium">
            Request reference (optional)
          </label>
          <input
            id="erase-reason"
            name="reason"
            maxLength={500}
            placeholder="e.g. privacy ticket #4411"
            className={input}
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-red-700 bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
        >
          {pending ? 'Erasing…' : 'Erase personal data'}
        </button>
        <ActionMessage state={state} />
      </form>
      {state?.ok && (
        <section
          aria-labelledby="erasure-result-heading"
          className="rounded border border-slate-200 bg-white p-4"
        >
          <h2 id="erasure-result-heading" className="font-medium">
            Records rewritten
          </h2>
          <table className="mt-2 text-left text-sm">
            <tbody>
              {Object.entries(state.result.erased).map(([place, n]) => (
                <tr key={place}>
                  <th scope="row" className="pr-6 font-normal text-slate-600">
                    {PLACES[place] ?? place}
                  </th>
                  <td className="tabular-nums">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.result.stillOpen > 0 && (
            <p className="mt-2 text-sm text-amber-800">
              {state.result.stillOpen} of the customer&apos;s transactions are still open. Run the
              erasure again once they have completed or been cancelled.
            </p>
          )}
          {state.result.auditEntriesUnchanged > 0 && (
            <p className="mt-2 text-sm text-slate-700">
              {state.result.auditEntriesUnchanged} audit entries written before addresses were kept
              out of the audit log mention it; the audit log cannot be changed.
            </p>
          )}
          <p className="mt-2 text-sm text-slate-600">
            Receipt (in the audit log instead of the address):{' '}
            <code className="break-all">{state.result.proof}</code>
          </p>
        </section>
      )}
    </div>
  );
}
