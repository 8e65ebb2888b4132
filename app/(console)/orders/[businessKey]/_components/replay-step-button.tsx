'use client';

import { Dialog } from 'radix-ui';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ActionMessage, type ActionMessageState } from '@/components/ui/action-message';
import { replayJourneyStep } from '../actions';

/**
 * Replay for one failed or reviewed step, asked for with a reason. Success closes the dialog with
 * a toast (the refreshed journey shows the step moving again); a refusal stays in the dialog with
 * what the person wrote, so it can be corrected.
 */
export function ReplayStepButton({
  transactionId,
  stepName,
}: {
  transactionId: string;
  stepName: string;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [state, setState] = useState<ActionMessageState>(null);
  const [pending, startTransition] = useTransition();
  const reasonError = state && !state.ok ? state.error : undefined;

  function submit(form: FormData) {
    startTransition(async () => {
      const result = await replayJourneyStep(null, form);
      if (result.ok) {
        toast.success(result.message);
        setOpen(false);
        setReason('');
        setState(null);
      } else {
        setState(result);
      }
    });
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setState(null);
      }}
    >
      <Dialog.Trigger className="rounded bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800">
        Replay<span className="sr-only"> {stepName}</span>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Replay {stepName}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-700">
            Sends this step through dispatch again with the same idempotency key, so the provider
            recognises a command it already applied.
          </Dialog.Description>
          <form action={submit} className="mt-3 space-y-2">
            <input type="hidden" name="transactionId" value={transactionId} />
            <label htmlFor={`reason-${transactionId}`} className="block text-sm font-medium">
              Reason
            </label>
            <textarea
              id={`reason-${transactionId}`}
              name="reason"
              required
              minLength={3}
              maxLength={500}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={`reason-help-${transactionId}`}
              aria-invalid={reasonError ? true : undefined}
              className="w-full rounded border border-slate-300 px-3 py-2 text-sm"
            />
            <p id={`reason-help-${transactionId}`} className="text-xs text-slate-600">
              Required, at least 3 characters. It goes on the timeline with your name.
            </p>
            <ActionMessage state={state} />
            <div className="flex justify-end gap-2 pt-2">
              <Dialog.Close className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
                Cancel
              </Dialog.Close>
              <button
                type="submit"
                disabled={pending}
                className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
              >
                {pending ? 'Replaying…' : 'Replay step'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
