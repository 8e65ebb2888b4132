'use client';

import { useEffect, useId, useState } from 'react';

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the browser's own wall time, in the shape datetime-local expects. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function toIso(local: string): string {
  const d = new Date(local); // datetime-local has no zone: the browser reads it as its local time
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/**
 * A datetime-local picker that submits an ISO instant. The person picks their own wall time; the
 * server receives an unambiguous instant and never has to guess the person's time zone.
 */
export function DateTimeField({
  name,
  label,
  defaultIso,
}: {
  name: string;
  label: string;
  defaultIso?: string;
}) {
  const id = useId();
  const [local, setLocal] = useState('');
  // Only the browser knows its time zone, so the initial value is filled in after hydration.
  useEffect(() => {
    if (defaultIso) setLocal(toLocalInput(defaultIso));
  }, [defaultIso]);
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <input
        id={id}
        type="datetime-local"
        value={local}
        onChange={(e) => setLocal(e.target.value)}
        className="rounded border border-slate-300 bg-white px-2 py-1"
      />
      <input type="hidden" name={name} value={local ? toIso(local) : ''} />
    </div>
  );
}
