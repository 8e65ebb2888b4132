'use client';

import { useEffect, useId, useState } from 'react';
import { fromWallTime, toWallTime, zoneLabel } from '@/lib/base/time-format';
import { useTimeZone } from './time-zone-context';

/**
 * A date-time filter read in the viewer's zone (the one every time on the page is shown in), not
 * the browser's: with a profile zone set the two differ. The URL carries the UTC instant, so a
 * shared link means the same window for a colleague in another zone.
 */
export function ZonedDateTimeInput({
  label,
  iso,
  onChange,
  name,
}: {
  label: string;
  iso: string | null;
  onChange?: (iso: string | null) => void;
  /** for plain forms: a hidden input of this name carries the instant */
  name?: string;
}) {
  const id = useId();
  const { zone } = useTimeZone();
  const local = toWallTime(iso, zone);
  const [text, setText] = useState(local);
  // a new instant from outside (the URL, a reset) replaces what is shown
  useEffect(() => setText(local), [local]);
  const instant = text ? (fromWallTime(text, zone)?.toISOString() ?? null) : null;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium">
        {label}{' '}
        <span className="font-normal text-slate-600">
          ({zoneLabel(instant ?? iso ?? Date.now(), zone)})
        </span>
      </label>
      <input
        id={id}
        type="datetime-local"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value) return onChange?.(null);
          const d = fromWallTime(e.target.value, zone);
          if (d) onChange?.(d.toISOString());
        }}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
      />
      {name && <input type="hidden" name={name} value={instant ?? ''} />}
    </div>
  );
}
