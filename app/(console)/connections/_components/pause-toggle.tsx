'use client';

import { useActionState, useId, useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import type { ActionResult } from '@/lib/http/action-result';
import { toggleConnectionPause, toggleFlowPause } from '../actions';

const ACTIONS = { connection: toggleConnectionPause, flow: toggleFlowPause } as const;

/**
 * Pause asks for confirmation and a reason first (it stops traffic to a real system, and the work it
 * holds shows who paused it and why); resume does not. While a pause runs, the server is waiting
 * for the commands already on their way to settle.
 */
export function PauseToggle({
  kind,
  id,
  name,
  paused,
}: {
  kind: 'connection' | 'flow';
  id: string;
  name: string;
  paused: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const reasonId = useId();
  const [state, submit, pending] = useActionState(
    async (previous: ActionResult | null, form: FormData) => {
      const result = await ACTIONS[kind](previous, form);
      // a refused reason keeps the dialog open beside its message
      if (result.ok || !result.fieldErrors?.reason) setConfirming(false);
      return result;
    },
    null,
  );
  const reasonError = state && !state.ok ? state.fieldErrors?.reason?.[0] : undefined;
  const button =
    'rounded px-3 py-1 text-sm font-medium disabled:opacity-60 focus-visible:outline-2';
  return (
    <div className="space-y-1">
      <form action={submit} className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="intent" value={paused ? 'resume' : 'pause'} />
        {paused ? (
          <button
            type="submit"
            disabled={pending}
            className={`${button} bg-blue-700 text-white hover:bg-blue-800`}
          >
            {pending ? 'Resuming…' : 'Resume'}
            <span className="sr-only"> {name}</span>
          </button>
        ) : confirming ? (
          <div role="group" aria-label={`Confirm pause of ${name}`} className="space-y-2">
            <p className="max-w-xs text-xs text-slate-700">
              Nothing more is sent to {name} until you resume; new work waits as backlog.
            </p>
            <div className="max-w-xs space-y-1">
              <label htmlFor={reasonId} className="block text-xs font-medium text-slate-800">
                Reason (shown on the work this pause holds)
              </label>
              <input
                id={reasonId}
                name="reason"
                required
                minLength={3}
                maxLength={500}
                autoFocus
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `${reasonId}-error` : undefined}
                placeholder="e.g. warehouse maintenance until 14:00"
                className="w-full rounded border border-slate-400 px-2 py-1 text-sm"
              />
              {reasonError && (
                <p id={`${reasonId}-error`} className="text-xs text-red-800">
                  {reasonError}
                </p>
              )}
            </div>
            <div className="flex gap-2">
              <button
                type="submit"
                disabled={pending}
                className={`${button} bg-amber-600 text-white hover:bg-amber-700`}
              >
                {pending ? 'Pausing… waiting for commands on their way' : 'Confirm pause'}
              </button>
              <button
                type="button"
                disabled={pending}
                onClick={() => setConfirming(false)}
                className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
              >
                Keep running
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            className={`${button} border border-amber-600 bg-white text-amber-800 hover:bg-amber-50`}
          >
            Pause<span className="sr-only"> {name}</span>
          </button>
        )}
      </form>
      <ActionMessage state={state} className="max-w-xs" />
    </div>
  );
}
