'use client';

import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ActionResult } from '@/lib/http/action-result';

/**
 * One button that asks for a note in a dialog and sends it to a server action: resolve, cancel and
 * add note all work this way. The answer is a toast in plain words; a refused note keeps the dialog
 * open with what the person wrote and the reason next to the field.
 */
export function NoteAction({
  transactionId,
  action,
  triggerLabel,
  title,
  description,
  confirmLabel,
  pendingLabel,
  tone = 'primary',
}: {
  transactionId: string;
  action: (input: { transactionId: string; note: string }) => Promise<ActionResult>;
  triggerLabel: string;
  title: string;
  description: string;
  confirmLabel: string;
  pendingLabel: string;
  tone?: 'primary' | 'danger';
}) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();

  const submit = () =>
    startTransition(async () => {
      const result = await action({ transactionId, note });
      if (result.ok) {
        toast.success(result.message);
        setOpen(false);
        setNote('');
        setFieldError(null);
        return;
      }
      const onField = result.fieldErrors?.note?.[0];
      if (onField) {
        setFieldError(onField);
        return;
      }
      toast.error(result.error);
      setOpen(false);
    });

  const triggerClass =
    tone === 'danger'
      ? 'border-red-700 text-red-800 hover:bg-red-50'
      : 'border-blue-700 text-blue-800 hover:bg-blue-50';
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
          className={`rounded border bg-white px-3 py-1.5 text-sm font-medium ${triggerClass}`}
        >
          {triggerLabel}
        </button>
      }
      title={title}
      description={description}
      confirmLabel={pending ? pendingLabel : confirmLabel}
      confirmDisabled={pending || note.trim().length < 3}
      onConfirm={submit}
      tone={tone}
    >
      <label htmlFor={`${id}-note`} className="block text-sm font-medium">
        Note
      </label>
      <textarea
        id={`${id}-note`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        required
        minLength={3}
        maxLength={500}
        rows={3}
        aria-describedby={`${id}-help`}
        aria-invalid={fieldError ? true : undefined}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm"
      />
      <p id={`${id}-help`} className={`text-xs ${fieldError ? 'text-red-800' : 'text-slate-600'}`}>
        {fieldError ?? 'At least 3 characters. It goes on the timeline with your name.'}
      </p>
    </ConfirmDialog>
  );
}
