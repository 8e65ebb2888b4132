'use client';

import { useRef } from 'react';

/**
 * A monospace textarea with a line-number gutter (scrolls with the text) and an inline error under
 * it, tied to the field with aria-describedby so a screen reader reads the error with the field.
 */
export function CodeArea({
  id,
  name,
  label,
  value,
  onChange,
  error,
  help,
  rows = 12,
  readOnly = false,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange?: (value: string) => void;
  error?: string | null;
  help?: string;
  rows?: number;
  readOnly?: boolean;
}) {
  const gutter = useRef<HTMLPreElement>(null);
  const lines = Math.max(value.split('\n').length, 1);
  const describedBy = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {help && (
        <p id={`${id}-help`} className="text-xs text-slate-600">
          {help}
        </p>
      )}
      <div
        className={`mt-1 flex overflow-hidden rounded border font-mono text-xs leading-5 ${error ? 'border-red-700' : 'border-slate-300'}`}
      >
        <pre
          ref={gutter}
          aria-hidden="true"
          className="overflow-hidden bg-slate-100 px-2 py-2 text-right text-slate-600 select-none"
          style={{ height: `${rows * 1.25 + 1}rem` }}
        >
          {Array.from({ length: lines }, (_, i) => i + 1).join('\n')}
        </pre>
        <textarea
          id={id}
          name={name}
          value={value}
          readOnly={readOnly}
          onChange={(e) => onChange?.(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          rows={rows}
          wrap="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          className={`w-full resize-y px-2 py-2 leading-5 outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${readOnly ? 'bg-slate-50' : 'bg-white'}`}
        />
      </div>
      {error && (
        <p
          id={`${id}-error`}
          role="alert"
          className="mt-1 text-sm whitespace-pre-wrap text-red-800"
        >
          {error}
        </p>
      )}
    </div>
  );
}
