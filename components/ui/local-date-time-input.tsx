'use client';

import { useEffect, useId, useState } from 'react';

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the browser's own wall time, in the shape datetime-local expects. */
function toLocal(iso: string | null): string {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The person picks their own wall time; the URL carries an unambiguous instant, so a shared link
 * means the same window in another time zone and the server never guesses one.
 */
export function LocalDateTimeInput({
  label,
  iso,
  onChange,
}: {
  label: string;
  iso: string | null;
  onChange: (iso: string | null) => void;
}) {
  const id = useId();
  const [local, setLocal] = useState('');
  // Only the browser knows its time zone, so the value is filled in after hydration.
  useEffect(() => setLocal(toLocal(iso)), [iso]);
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <input
        id={id}
        type="datetime-local"
        value={local}
        onChange={(e) => {
          setLocal(e.target.value);
          if (!e.target.value) return onChange(null);
          const d = new Date(e.target.value); // no zone: read as the browser's local time
          if (!Number.isNaN(d.getTime())) onChange(d.toISOString());
        }}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
      />
    </div>
  );
}
