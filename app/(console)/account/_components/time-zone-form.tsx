'use client';

import { useActionState, useEffect, useId, useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Time } from '@/components/time/time';
import { setTimeZoneAction } from '../actions';

/**
 * The zone every time in the console is shown in. Empty: the browser's own, detected on each
 * device (a laptop that travels follows its clock); a chosen zone holds on every device.
 */
export function TimeZoneForm({
  chosen,
  zones,
  now,
}: {
  chosen: string | null;
  zones: string[];
  /** the moment the page was rendered, shown as an example */
  now: string;
}) {
  const id = useId();
  const [state, submit, pending] = useActionState(setTimeZoneAction, null);
  const [browser, setBrowser] = useState<string | null>(null);
  // only the browser knows its zone; the server renders the option without it
  useEffect(() => setBrowser(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return (
    <form action={submit} className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={id} className="font-medium">
          Time zone
        </label>
        <select
          id={id}
          name="timeZone"
          defaultValue={chosen ?? ''}
          className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">Browser&apos;s time zone{browser ? ` (${browser})` : ''}</option>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Save'}
      </button>
      <p className="w-full text-sm text-slate-600">
        Times read like this: <Time value={now} />
      </p>
      <ActionMessage state={state} className="w-full max-w-md" />
    </form>
  );
}
