'use client';

import { useActionState, useState, useTransition, type ReactNode } from 'react';
import { ActionMessage, type ActionMessageState } from './action-message';
import { ConfirmDialog } from './confirm-dialog';

type IdAction<S> = (previous: S | null, form: FormData) => Promise<S>;

/**
 * A row's button that asks first, then submits a server action with the row's id (no form of its
 * own: the dialog is the form). The caller draws the dialog and the trigger.
 */
export function useConfirmedSubmit<S>(action: IdAction<S>, id: string) {
  const [open, setOpen] = useState(false);
  const [state, submit, pending] = useActionState(action, null);
  const [, startTransition] = useTransition();
  const confirm = () => {
    const form = new FormData();
    form.set('id', id);
    startTransition(() => submit(form));
    setOpen(false);
  };
  return { open, setOpen, state, pending, confirm };
}

/** Deleting or revoking what cannot be restored: a red button, a red confirmation, the outcome. */
export function DangerConfirmButton<S extends ActionMessageState>({
  id,
  name,
  action,
  title,
  description,
  label,
  pendingLabel,
  confirmLabel,
}: {
  id: string;
  /** the row's name, read after the label by screen readers */
  name: string;
  action: IdAction<S>;
  title: string;
  description: ReactNode;
  label: string;
  pendingLabel: string;
  confirmLabel: string;
}) {
  const { open, setOpen, state, pending, confirm } = useConfirmedSubmit(action, id);
  return (
    <div className="space-y-1">
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title={title}
        description={description}
        confirmLabel={pending ? pendingLabel : confirmLabel}
        confirmDisabled={pending}
        onConfirm={confirm}
        trigger={
          <button
            type="button"
            disabled={pending}
            className="rounded border border-red-700 bg-white px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
          >
            {pending ? pendingLabel : label}
            <span className="sr-only"> {name}</span>
          </button>
        }
      />
      <ActionMessage state={state} className="max-w-xs" />
    </div>
  );
}
