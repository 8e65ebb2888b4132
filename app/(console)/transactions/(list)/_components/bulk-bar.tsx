'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ActionResult } from '@/lib/http/action-result';
import { cancelSelected, replaySelected, resolveSelected } from '../actions';

type Action = 'replay' | 'resolve' | 'cancel';

const COPY: Record<
  Action,
  { label: string; title: (n: string) => string; what: string; field: string; danger: boolean }
> = {
  replay: {
    label: 'Replay',
    title: (n) => `Replay ${n}?`,
    what: 'Failed, in-review and paused ones go through dispatch again with the same idempotency key; the others are skipped.',
    field: 'Reason',
    danger: false,
  },
  resolve: {
    label: 'Resolve',
    title: (n) => `Resolve ${n}?`,
    what: 'Failed and in-review ones are marked completed, handled by hand; the others are skipped.',
    field: 'Note',
    danger: false,
  },
  cancel: {
    label: 'Cancel',
    title: (n) => `Cancel ${n}?`,
    what: 'Every one not yet completed or cancelled stops for good and is not dispatched again.',
    field: 'Note',
    danger: true,
  },
};

const CALL: Record<Action, (input: { ids: string[]; note: string }) => Promise<ActionResult>> = {
  replay: replaySelected,
  resolve: resolveSelected,
  cancel: cancelSelected,
};

export function BulkBar({
  ids,
  allowed,
  onDone,
}: {
  ids: string[];
  allowed: Action[];
  onDone: () => void;
}) {
  const router = useRouter();
  const noteId = useId();
  const [open, setOpen] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const [pending, startTransition] = useTransition();
  const count = ids.length === 1 ? '1 transaction' : `${ids.length} transactions`;
  const confirm = (action: Action) =>
    startTransition(async () => {
      const result = await CALL[action]({ ids, note });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(result.message);
      setOpen(null);
      setNote('');
      onDone();
      router.refresh();
    });
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-3 rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm"
    >
      <span className="font-medium text-blue-900">{count} selected</span>
      {allowed.map((action) => {
        const copy = COPY[action];
        return (
          <ConfirmDialog
            key={action}
            open={open === action}
            onOpenChange={(o) => setOpen(o ? action : null)}
            trigger={
              <button
                type="button"
                className="rounded border border-blue-700 bg-white px-3 py-1 font-medium text-blue-800 hover:bg-blue-100"
              >
                {copy.label}
              </button>
            }
            title={copy.title(count)}
            description={copy.what}
            confirmLabel={pending ? 'Working…' : `${copy.label} ${count}`}
            confirmDisabled={pending || note.trim().length < 3}
            tone={copy.danger ? 'danger' : 'primary'}
            onConfirm={() => confirm(action)}
          >
            <label htmlFor={noteId} className="block text-sm font-medium">
              {copy.field} <span className="font-normal text-slate-600">(required)</span>
            </label>
            <textarea
              id={noteId}
              required
              minLength={3}
              maxLength={500}
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-describedby={`${noteId}-help`}
              className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm"
            />
            <p id={`${noteId}-help`} className="mt-1 text-xs text-slate-600">
              At least 3 characters. It goes on every timeline with your name.
            </p>
          </ConfirmDialog>
        );
      })}
      <button
        type="button"
        onClick={onDone}
        className="ml-auto text-blue-700 underline underline-offset-2 hover:text-blue-900"
      >
        Clear selection
      </button>
    </div>
  );
}
