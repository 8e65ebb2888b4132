'use client';

import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ActionMessage } from '@/components/ui/action-message';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { decideGroup, previewGroupDecision, type DecisionAnswer } from '../actions';
import type { GroupScope } from './group-replay';
import { toForm } from './to-form';

type Decision = 'resolve' | 'ignore';

const COPY: Record<Decision, { button: string; verb: string; effect: string }> = {
  resolve: {
    button: 'Resolve group',
    verb: 'Resolve',
    effect:
      'They become completed: you state they were handled by hand (fixed in the target system, or not needed).',
  },
  ignore: {
    button: 'Ignore group',
    verb: 'Ignore',
    effect:
      'They become cancelled: you state they will not be delivered. Nothing is sent to the target.',
  },
};

/** "Resolve group" and "Ignore group": a fresh count, a required note, then one bulk decision. */
export function GroupDecision({ scope }: { scope: GroupScope }) {
  const noteId = useId();
  const [asking, setAsking] = useState<{ decision: Decision; count: number } | null>(null);
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState<DecisionAnswer | null>(null);
  const [pending, startTransition] = useTransition();

  function ask(decision: Decision) {
    startTransition(async () => {
      const result = await previewGroupDecision(null, toForm(scope.fields));
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      if (result.count === 0) {
        toast.info('Nothing left to decide: no open failure of this group matches any more.');
        return;
      }
      setAnswer(null);
      setAsking({ decision, count: result.count });
    });
  }

  function decide() {
    if (!asking) return;
    const form = toForm(scope.fields);
    form.set('decision', asking.decision);
    form.set('note', note);
    startTransition(async () => {
      const result = await decideGroup(null, form);
      setAnswer(result);
      if (!result.ok) return;
      toast.success(result.message);
      setAsking(null);
      setNote('');
    });
  }

  const copy = asking ? COPY[asking.decision] : COPY.resolve;
  const count = asking?.count ?? 0;
  const noteError = answer && !answer.ok ? answer.fieldErrors?.note?.[0] : undefined;
  return (
    <div className="flex flex-wrap gap-2">
      {(['resolve', 'ignore'] as const).map((d) => (
        <button
          key={d}
          type="button"
          disabled={pending}
          onClick={() => ask(d)}
          className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
        >
          {COPY[d].button}
          <span className="sr-only"> {scope.label}</span>
        </button>
      ))}
      <ConfirmDialog
        open={asking !== null}
        onOpenChange={(open) => {
          if (!open) setAsking(null);
        }}
        title={`${copy.verb} ${count === 1 ? '1 transaction' : `${count} transactions`}?`}
        description={
          <p>
            {scope.label} ({scope.statusWords}). {copy.effect} Your note goes on every
            transaction&apos;s timeline with your name.
          </p>
        }
        confirmLabel={pending ? 'Working…' : `${copy.verb} ${count}`}
        confirmDisabled={pending || note.trim().length < 3}
        tone={asking?.decision === 'ignore' ? 'danger' : 'primary'}
        onConfirm={decide}
      >
        <label htmlFor={noteId} className="block text-sm font-medium">
          Note
        </label>
        <textarea
          id={noteId}
          required
          minLength={3}
          maxLength={500}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={`${noteId}-help`}
          aria-invalid={noteError ? true : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm"
        />
        <p id={`${noteId}-help`} className="text-xs text-slate-600">
          Required, at least 3 characters: how it was handled, or why it will not be delivered.
        </p>
        <ActionMessage state={answer && !answer.ok ? answer : null} className="mt-2" />
      </ConfirmDialog>
    </div>
  );
}
