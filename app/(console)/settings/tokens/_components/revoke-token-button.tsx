'use client';

import { useActionState, useState, useTransition } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { revokeToken } from '../actions';

/** Revoking cannot be undone and breaks whatever uses the token: it asks first. */
export function RevokeTokenButton({
  id,
  name,
  prefix,
}: {
  id: string;
  name: string;
  prefix: string;
}) {
  const [open, setOpen] = useState(false);
  const [state, submit, pending] = useActionState(revokeToken, null);
  const [, startTransition] = useTransition();
  return (
    <div className="space-y-1">
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title={`Revoke "${name}"?`}
        description={
          <p>
            Every script using <code>{prefix}…</code> is refused from its next request on. This
            cannot be undone: issue a new token if it is still needed.
          </p>
        }
        confirmLabel={pending ? 'Revoking…' : 'Revoke token'}
        confirmDisabled={pending}
        onConfirm={() => {
          const form = new FormData();
          form.set('id', id);
          startTransition(() => submit(form));
          setOpen(false);
        }}
        trigger={
          <button
            type="button"
            disabled={pending}
            className="rounded border border-red-700 bg-white px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
          >
            {pending ? 'Revoking…' : 'Revoke'}
            <span className="sr-only"> {name}</span>
          </button>
        }
      />
      <ActionMessage state={state} className="max-w-xs" />
    </div>
  );
}
