'use client';

import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ActionMessage } from '@/components/ui/action-message';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { decideDriftItems, previewDrift, type DriftDecisionAnswer } from '../actions';
import type { DriftAction } from './drift-labels';

export type DriftTarget =
  | { itemId: string }
  | { runId: string; kind: string; pattern?: { field: string | null; cause: string | null } };

const COPY: Record<
  DriftAction,
  { verb: string; effect: string; text?: { name: 'note' | 'reason'; label: string; help: string } }
> = {
  backfill: {
    verb: 'Backfill',
    effect:
      'Each source record is recorded as if its webhook had arrived, then processed like any other event. Targets that already hold it are not written twice.',
  },
  replay: {
    verb: 'Replay',
    effect:
      "The ledger's transaction is sent again with its original idempotency key. Only failed, in-review or paused transactions are replayed.",
    text: {
      name: 'reason',
      label: 'Reason',
      help: 'Required: why it should be sent again. It goes on the timeline.',
    },
  },
  accept: {
    verb: 'Accept',
    effect:
      'The difference stays as it is and is marked accepted. Your note goes on the audit log and on the transaction timelines.',
    text: {
      name: 'note',
      label: 'Note',
      help: 'Required, at least 3 characters: why the difference is acceptable.',
    },
  },
};

const items = (n: number) => (n === 1 ? '1 item' : `${n} items`);

function formOf(action: DriftAction, target: DriftTarget, text?: { name: string; value: string }) {
  const form = new FormData();
  form.set('action', action);
  // a pattern travels as one JSON field: its field and cause may each be null ("none")
  for (const [k, v] of Object.entries(target))
    form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  if (text) form.set(text.name, text.value);
  return form;
}

/**
 * One decision on drift: a fresh count first (so the dialog says how many open items it applies
 * to now), then the note or reason the decision needs, then the decision itself.
 */
export function DriftDecisionButton({
  action,
  target,
  label,
  context,
}: {
  action: DriftAction;
  target: DriftTarget;
  label: string;
  /** what the button is about, for screen readers ("order 1047", "all status mismatches") */
  context: string;
}) {
  const textId = useId();
  const copy = COPY[action];
  const [count, setCount] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<DriftDecisionAnswer | null>(null);
  const [pending, startTransition] = useTransition();

  function ask() {
    startTransition(async () => {
      const preview = await previewDrift(null, formOf(action, target));
      if (!preview.ok) {
        toast.error(preview.error);
        return;
      }
      if (preview.count === 0) {
        toast.info(
          action === 'replay'
            ? 'Nothing to replay: only failed, in-review or paused transactions can be sent again.'
            : 'Nothing left to decide: these items were decided meanwhile.',
        );
        return;
      }
      setAnswer(null);
      setCount(preview.count);
    });
  }

  function decide() {
    const form = formOf(
      action,
      target,
      copy.text ? { name: copy.text.name, value: text } : undefined,
    );
    startTransition(async () => {
      const result = await decideDriftItems(null, form);
      setAnswer(result);
      if (!result.ok) return;
      toast.success(result.message);
      setCount(null);
      setText('');
    });
  }

  const textError =
    answer && !answer.ok && copy.text ? answer.fieldErrors?.[copy.text.name]?.[0] : undefined;
  return (
    <>
      <button
        type="button"
        disabled={pending}
        onClick={ask}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {label}
        <span className="sr-only"> {context}</span>
      </button>
      <ConfirmDialog
        open={count !== null}
        onOpenChange={(open) => {
          if (!open) setCount(null);
        }}
        title={`${copy.verb} ${items(count ?? 0)}?`}
        description={
          <p>
            {context}. {copy.effect}
          </p>
        }
        confirmLabel={pending ? 'Working…' : `${copy.verb} ${count ?? 0}`}
        confirmDisabled={pending || (copy.text !== undefined && text.trim().length < 3)}
        onConfirm={decide}
      >
        {copy.text && (
          <>
            <label htmlFor={textId} className="block text-sm font-medium">
              {copy.text.label}
            </label>
            <textarea
              id={textId}
              required
              minLength={3}
              maxLength={2000}
              rows={2}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-describedby={`${textId}-help`}
              aria-invalid={textError ? true : undefined}
              className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm"
            />
            <p id={`${textId}-help`} className="text-xs text-slate-600">
              {copy.text.help}
            </p>
          </>
        )}
        <ActionMessage state={answer && !answer.ok ? answer : null} className="mt-2" />
      </ConfirmDialog>
    </>
  );
}
