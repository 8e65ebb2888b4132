'use client';

import { addTransactionNote, cancelTransaction, resolveTransaction } from '../actions';
import { NoteAction } from './note-action';

/**
 * The actions a person's role allows on this transaction in its current status. The server checks
 * the same again: hiding a button is convenience, not the boundary.
 */
export function TransactionActions({
  transactionId,
  resolve,
  cancel,
  note,
}: {
  transactionId: string;
  /** shown: the role may resolve and the status allows it */
  resolve: boolean;
  cancel: boolean;
  note: boolean;
}) {
  if (!resolve && !cancel && !note) return null;
  return (
    <section
      aria-labelledby="actions-heading"
      className="mt-6 rounded border border-slate-200 bg-white p-4"
    >
      <h2 id="actions-heading" className="text-lg font-semibold">
        Actions
      </h2>
      <div className="mt-2 flex flex-wrap gap-2">
        {resolve && (
          <NoteAction
            transactionId={transactionId}
            action={resolveTransaction}
            triggerLabel="Resolve with note"
            title="Resolve this transaction?"
            description="Use this when it was handled by hand (fixed in the target) or is not needed. It becomes completed and Waybill will not send it again."
            confirmLabel="Resolve"
            pendingLabel="Resolving…"
          />
        )}
        {cancel && (
          <NoteAction
            transactionId={transactionId}
            action={cancelTransaction}
            triggerLabel="Cancel transaction"
            title="Cancel this transaction?"
            description="Nothing more will be sent for it. A command already on its way may still reach the provider; its answer is recorded but cannot reopen the transaction."
            confirmLabel="Yes, cancel it"
            pendingLabel="Cancelling…"
            tone="danger"
          />
        )}
        {note && (
          <NoteAction
            transactionId={transactionId}
            action={addTransactionNote}
            triggerLabel="Add note"
            title="Add a note"
            description="Context for the next person (e.g. “customer called, agreed to wait for restock”). The status does not change."
            confirmLabel="Save note"
            pendingLabel="Saving…"
          />
        )}
      </div>
    </section>
  );
}
