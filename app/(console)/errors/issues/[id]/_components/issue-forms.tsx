'use client';

// The issue page's actions, each a small form bound to its server action (useActionState): state
// buttons with an optional note, owner, snooze, tags and a comment. Answers are announced beside
// the form (ActionMessage); the page re-renders from the server after each change.
import { useActionState, useId, useState } from 'react';
import { ZonedDateTimeInput } from '@/components/time/zoned-date-time-input';
import { ActionMessage } from '@/components/ui/action-message';
import type { ActionResult } from '@/lib/http/action-result';

type FormAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

const BUTTON =
  'rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50 disabled:opacity-50';
const INPUT = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm';

const ACTION_LABELS: Record<string, string> = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  ignore: 'Ignore',
  reopen: 'Reopen',
};

function fieldError(state: ActionResult | null, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
}

export function StateForm({
  issueId,
  actions,
  action,
}: {
  issueId: string;
  actions: string[];
  action: FormAction;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  return (
    <form action={formAction} className="space-y-2" aria-label="Change the state">
      <input type="hidden" name="issueId" value={issueId} />
      <label htmlFor={`${id}-note`} className="block text-sm font-medium">
        Note (optional)
      </label>
      <input id={`${id}-note`} name="note" maxLength={4000} className={`${INPUT} w-full`} />
      <div className="flex flex-wrap gap-2">
        {actions.map((a) => (
          <button
            key={a}
            type="submit"
            name="action"
            value={a}
            disabled={pending}
            className={BUTTON}
          >
            {ACTION_LABELS[a] ?? a}
          </button>
        ))}
      </div>
      <ActionMessage state={state} />
    </form>
  );
}

export function OwnerForm({
  issueId,
  ownerUserId,
  members,
  action,
}: {
  issueId: string;
  ownerUserId: string | null;
  members: { userId: string; name: string }[];
  action: FormAction;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  return (
    <form action={formAction} className="space-y-1" aria-label="Assign an owner">
      <input type="hidden" name="issueId" value={issueId} />
      <label htmlFor={`${id}-owner`} className="block text-sm font-medium">
        Owner
      </label>
      <div className="flex gap-2">
        <select id={`${id}-owner`} name="owner" defaultValue={ownerUserId ?? ''} className={INPUT}>
          <option value="">Nobody</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={pending} className={BUTTON}>
          Assign
        </button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}

export function SnoozeForm({
  issueId,
  snoozed,
  action,
}: {
  issueId: string;
  snoozed: boolean;
  action: FormAction;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  // read in the zone every time on the page is shown in (a profile zone may differ from the
  // browser's); the form carries the UTC instant
  const [until, setUntil] = useState<string | null>(null);
  const error = fieldError(state, 'until');
  return (
    <div className="space-y-1">
      <form action={formAction} className="space-y-1" aria-label="Snooze the issue">
        <input type="hidden" name="issueId" value={issueId} />
        <div className="flex flex-wrap items-end gap-2">
          <ZonedDateTimeInput label="Snooze until" iso={null} onChange={setUntil} name="until" />
          <button type="submit" disabled={pending || !until} className={BUTTON}>
            Snooze
          </button>
        </div>
        {error && <p className="text-sm text-red-800">{error}</p>}
      </form>
      {snoozed && (
        <form action={formAction}>
          <input type="hidden" name="issueId" value={issueId} />
          <input type="hidden" name="until" value="" />
          <button type="submit" disabled={pending} className={BUTTON}>
            End snooze
          </button>
        </form>
      )}
      <ActionMessage state={state} />
    </div>
  );
}

export function TagsForm({
  issueId,
  tags,
  action,
}: {
  issueId: string;
  tags: string[];
  action: FormAction;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  return (
    <form action={formAction} className="space-y-1" aria-label="Edit tags">
      <input type="hidden" name="issueId" value={issueId} />
      <label htmlFor={`${id}-tags`} className="block text-sm font-medium">
        Tags (comma separated)
      </label>
      <div className="flex gap-2">
        <input id={`${id}-tags`} name="tags" defaultValue={tags.join(', ')} className={INPUT} />
        <button type="submit" disabled={pending} className={BUTTON}>
          Save tags
        </button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}

export function CommentForm({ issueId, action }: { issueId: string; action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  return (
    <form action={formAction} className="space-y-1" aria-label="Add a comment">
      <input type="hidden" name="issueId" value={issueId} />
      <label htmlFor={`${id}-body`} className="block text-sm font-medium">
        Comment
      </label>
      <textarea
        id={`${id}-body`}
        name="body"
        rows={3}
        required
        maxLength={4000}
        className={`${INPUT} w-full`}
      />
      <button type="submit" disabled={pending} className={BUTTON}>
        Add comment
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
