'use client';

import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ActionMessage } from '@/components/ui/action-message';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useFormatTime } from '@/components/time/time';
import { DateTimeField } from '../../replays/_components/date-time-field';
import { previewGroupReplay, startGroupReplay, type StartAnswer } from '../actions';
import { useTrackReplay } from './replay-tracker';
import { toForm } from './to-form';

export interface GroupScope {
  /** "Paid orders → warehouse fulfilment · auth": names buttons and the progress bar */
  label: string;
  /**
   * flowId, errorClass, statuses and a window ending just after the group's last seen: the group
   * as the screen showed it, so a failure arriving later is not replayed unseen
   */
  fields: [string, string][];
  /** "failed", "in review" or "failed or in review" */
  statusWords: string;
  firstSeen: string;
  lastSeen: string;
}

interface Preview {
  count: number;
  fields: [string, string][];
  from: string;
  to: string;
}

const MINUTE = 60_000;
/** The window inputs have minute precision and `to` is exclusive: round out to whole minutes. */
const floorMinute = (iso: string) => new Date(Math.floor(Date.parse(iso) / MINUTE) * MINUTE);
const afterMinute = (iso: string) => new Date(floorMinute(iso).getTime() + MINUTE).toISOString();

/**
 * "Replay group" and "Replay a time window": both ask the server how many would be replayed now,
 * show that count with the window in a confirmation that needs a reason, and start a batch whose
 * progress the tracker above the groups follows.
 */
export function GroupReplay({ scope }: { scope: GroupScope }) {
  const track = useTrackReplay();
  const formatDateTime = useFormatTime();
  const windowFormId = useId();
  const reasonId = useId();
  const [showWindow, setShowWindow] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState<StartAnswer | null>(null);
  const [pending, startTransition] = useTransition();

  /** `chosen`: the person picked the window; otherwise the group's first and last seen name it. */
  function ask(form: FormData, chosen: boolean) {
    startTransition(async () => {
      const result = await previewGroupReplay(null, form);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      if (result.count === 0) {
        toast.info('Nothing to replay: no open failure of this group matches any more.');
        return;
      }
      const from = form.get('from');
      const to = form.get('to');
      setAnswer(null);
      setPreview({
        count: result.count,
        fields: result.fields,
        from: chosen && typeof from === 'string' && from ? from : scope.firstSeen,
        to: chosen && typeof to === 'string' && to ? to : scope.lastSeen,
      });
    });
  }

  function start() {
    if (!preview) return;
    const form = toForm(preview.fields);
    form.set('reason', reason);
    startTransition(async () => {
      const result = await startGroupReplay(null, form);
      setAnswer(result);
      if (!result.ok) return;
      toast.success(result.message);
      if (result.total > 0)
        track({ batchId: result.batchId, total: result.total, label: scope.label });
      setPreview(null);
      setReason('');
      setShowWindow(false);
    });
  }

  const count = preview?.count ?? 0;
  const reasonError = answer && !answer.ok ? answer.fieldErrors?.reason?.[0] : undefined;
  const button =
    'rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50 disabled:opacity-60';
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={button}
          disabled={pending}
          onClick={() => ask(toForm(scope.fields), false)}
        >
          Replay group<span className="sr-only"> {scope.label}</span>
        </button>
        <button
          type="button"
          className={button}
          aria-expanded={showWindow}
          // only while the form exists: a reference to a missing id is invalid ARIA
          aria-controls={showWindow ? windowFormId : undefined}
          onClick={() => setShowWindow((v) => !v)}
        >
          Replay a time window<span className="sr-only"> of {scope.label}</span>
        </button>
      </div>
      {showWindow && (
        <form
          id={windowFormId}
          aria-label={`Time window to replay of ${scope.label}`}
          className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-slate-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            // the group's own window is replaced by the one chosen here
            const fields = scope.fields.filter(([name]) => name !== 'from' && name !== 'to');
            for (const [name, value] of fields) form.append(name, value);
            ask(form, true);
          }}
        >
          <DateTimeField
            name="from"
            label="From"
            defaultIso={floorMinute(scope.firstSeen).toISOString()}
          />
          <DateTimeField
            name="to"
            label="To (not included)"
            defaultIso={afterMinute(scope.lastSeen)}
          />
          <button type="submit" className={button} disabled={pending}>
            Preview window
          </button>
        </form>
      )}
      <ConfirmDialog
        open={preview !== null}
        onOpenChange={(open) => {
          if (!open) setPreview(null);
        }}
        title={`${count} ${scope.statusWords} between ${preview ? formatDateTime(preview.from) : ''} and ${preview ? formatDateTime(preview.to) : ''} — replay ${count}?`}
        description={
          <p>
            {scope.label}. Each one goes through dispatch again with its own idempotency key; your
            reason goes on every replayed transaction&apos;s timeline.
          </p>
        }
        confirmLabel={pending ? 'Starting…' : `Replay ${count}`}
        confirmDisabled={pending || reason.trim().length < 3}
        onConfirm={start}
      >
        <label htmlFor={reasonId} className="block text-sm font-medium">
          Reason
        </label>
        <textarea
          id={reasonId}
          required
          minLength={3}
          maxLength={500}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${reasonId}-help`}
          aria-invalid={reasonError ? true : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm"
        />
        <p id={`${reasonId}-help`} className="text-xs text-slate-600">
          Required, at least 3 characters.
        </p>
        <ActionMessage state={answer && !answer.ok ? answer : null} className="mt-2" />
      </ConfirmDialog>
    </div>
  );
}
