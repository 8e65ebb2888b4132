'use client';

import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { revealPayloads, type RevealAnswer } from '../actions';

export type Revealed = Extract<RevealAnswer, { ok: true }>['revealed'];

/**
 * "Reveal" for admins: asks why in a dialog, then hands the unmasked payloads to the section for
 * this view. The server records the reveal in the audit log before it answers; a refused reason
 * keeps the dialog open with the words next to the field.
 */
export function RevealPayloads({
  transactionId,
  onRevealed,
}: {
  transactionId: string;
  onRevealed: (revealed: Revealed) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();

  const submit = () =>
    startTransition(async () => {
      const answer = await revealPayloads({ transactionId, reason });
      if (answer.ok) {
        onRevealed(answer.revealed);
        setOpen(false);
        setReason('');
        setFieldError(null);
        return;
      }
      const onField = answer.fieldErrors?.reason?.[0];
      if (onField) {
        setFieldError(onField);
        return;
      }
      toast.error(answer.error);
      setOpen(false);
    });

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setFieldError(null);
      }}
      trigger={
        <button
          type="button"
          className="rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50"
        >
          Reveal
        </button>
      }
      title="Reveal masked values?"
      description="You will see this transaction's payloads without masking, in this view only. Your name and reason are recorded in the audit log."
      confirmLabel={pending ? 'Revealing…' : 'Reveal'}
      confirmDisabled={pending || reason.trim().length < 5}
      onConfirm={submit}
    >
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
        Reason
      </label>
      <textarea
        id={`${id}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        minLength={5}
        maxLength={500}
        rows={3}
        aria-describedby={`${id}-help`}
        aria-invalid={fieldError ? true : undefined}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm"
      />
      <p id={`${id}-help`} className={`text-xs ${fieldError ? 'text-red-800' : 'text-slate-600'}`}>
        {fieldError ?? 'At least 5 characters, e.g. “customer asked to confirm the phone number”.'}
      </p>
    </ConfirmDialog>
  );
}
