'use client';

import { useActionState, useState, useTransition } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { signOutEverywhereAction } from '../actions';

/** Asks first; on success the server sends this browser to the sign-in page. */
export function SignOutEverywhere() {
  const [open, setOpen] = useState(false);
  const [state, submit, pending] = useActionState(signOutEverywhereAction, null);
  const [, startTransition] = useTransition();
  const confirm = () => {
    const form = new FormData();
    form.set('confirm', 'everywhere');
    startTransition(() => submit(form));
    setOpen(false);
  };
  return (
    <div className="space-y-1">
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title="Sign out everywhere?"
        description={<p>Every browser signed in as you is signed out, this one included.</p>}
        confirmLabel={pending ? 'Signing out…' : 'Sign out everywhere'}
        confirmDisabled={pending}
        onConfirm={confirm}
        trigger={
          <button
            type="button"
            disabled={pending}
            className="rounded border border-red-700 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
          >
            {pending ? 'Signing out…' : 'Sign out everywhere'}
          </button>
        }
      />
      <ActionMessage state={state} className="max-w-xs" />
    </div>
  );
}
