'use client';

import { DangerConfirmButton } from '@/components/ui/confirmed-submit';
import { deleteFlowAction, retireFlowAction } from '../actions';

/**
 * Retiring keeps the flow and its history but takes no new transactions; deleting is offered only
 * to a flow that never carried one (the use case refuses the others in any case).
 */
export function RetireOrDelete({
  id,
  name,
  retired,
  transactionCount,
}: {
  id: string;
  name: string;
  retired: boolean;
  transactionCount: number;
}) {
  return (
    <section
      aria-labelledby="retire-heading"
      className="space-y-3 rounded border border-red-200 p-3"
    >
      <h2 id="retire-heading" className="text-sm font-semibold">
        Retire or delete
      </h2>
      {!retired && (
        <DangerConfirmButton
          id={id}
          name={name}
          action={retireFlowAction}
          title={`Retire ${name}?`}
          description="A retired flow takes no new transactions: deliveries and polls skip it. Its transactions and history stay. Transactions not sent yet wait, as for a paused flow. You can bring it back by editing its status here."
          label="Retire flow"
          pendingLabel="Retiring…"
          confirmLabel="Retire"
        />
      )}
      {transactionCount === 0 ? (
        <DangerConfirmButton
          id={id}
          name={name}
          action={deleteFlowAction}
          title={`Delete ${name}?`}
          description="This flow has no transactions. Deleting removes it, its mapping versions and its own SLA rule. The audit log keeps what it was."
          label="Delete flow"
          pendingLabel="Deleting…"
          confirmLabel="Delete"
        />
      ) : (
        <p className="text-sm text-slate-600">
          This flow has {transactionCount} transactions, so it is never deleted
          {retired ? '' : ': retire it instead'}.
        </p>
      )}
    </section>
  );
}
