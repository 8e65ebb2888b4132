'use client';

import { useEffect, useRef } from 'react';

/** A native checkbox (keyboard and screen readers for free) that can show "some selected". */
export function SelectCheckbox({
  label,
  checked,
  indeterminate = false,
  onChange,
  inRow = false,
}: {
  label: string;
  checked: boolean;
  indeterminate?: boolean;
  onChange: (checked: boolean) => void;
  /** a row's checkbox is reached with the arrow keys, so each row costs one Tab (row-keys.ts) */
  inRow?: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  // indeterminate exists only as a DOM property, not as an attribute React could render.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      tabIndex={inRow ? -1 : undefined}
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
      className="size-4 accent-blue-700"
    />
  );
}
