'use client';

import { useActionState, useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DangerConfirmButton, useConfirmedSubmit } from '@/components/ui/confirmed-submit';
import type { ActionResult } from '@/lib/http/action-result';
import type { SecretResult } from '../actions';
import { SecretOnce } from './secret-once';

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

const quiet =
  'rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60';

/** Turns a rule on or off at once (no confirmation: it is undone the same way). */
export function ToggleEnabledButton({
  id,
  name,
  enabled,
  action,
}: {
  id: string;
  name: string;
  enabled: boolean;
  action: Action;
}) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="space-y-1">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
      <button type="submit" disabled={pending} className={quiet}>
        {enabled ? 'Disable' : 'Enable'}
        <span className="sr-only"> {name}</span>
      </button>
      <ActionMessage state={state} className="max-w-xs" />
    </form>
  );
}

/** Deleting cannot be undone (the rule's history goes with it): it asks first. */
export function DeleteRuleButton({
  id,
  name,
  what,
  consequence,
  action,
}: {
  id: string;
  name: string;
  what: string;
  consequence: string;
  action: Action;
}) {
  return (
    <DangerConfirmButton
      id={id}
      name={name}
      action={action}
      title={`Delete ${what} "${name}"?`}
      description={<p>{consequence} This cannot be undone.</p>}
      label="Delete"
      pendingLabel="Deleting…"
      confirmLabel={`Delete ${what}`}
    />
  );
}

/** A new signing secret replaces the old one at once; the new one is shown this once. */
export function RotateSecretButton({
  id,
  name,
  action,
}: {
  id: string;
  name: string;
  action: (previous: SecretResult | null, form: FormData) => Promise<SecretResult>;
}) {
  const { open, setOpen, state, pending, confirm } = useConfirmedSubmit(action, id);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const rotated = state?.ok && state.secret && state.secret !== dismissed ? state : null;
  if (rotated)
    return (
      <SecretOnce
        id={`rotated-${id}`}
        title={`New signing secret for "${rotated.name}"`}
        secret={rotated.secret ?? ''}
        onDismiss={() => setDismissed(rotated.secret)}
      />
    );
  return (
    <div className="space-y-1">
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Rotate the signing secret of "${name}"?`}
        description={
          <p>
            Alerts are signed with the new secret and, for a day, with the old one too (both
            signatures in webhook-signature): update the receiver within that day.
          </p>
        }
        confirmLabel={pending ? 'Rotating…' : 'Rotate secret'}
        confirmDisabled={pending}
        onConfirm={confirm}
        trigger={
          <button type="button" disabled={pending} className={quiet}>
            {pending ? 'Rotating…' : 'Rotate secret'}
            <span className="sr-only"> of {name}</span>
          </button>
        }
      />
      <ActionMessage state={state?.ok ? null : state} className="max-w-xs" />
    </div>
  );
}
