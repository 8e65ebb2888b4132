'use client';

import { useState } from 'react';

/** Copies text to the clipboard and says so for a moment (to sighted and screen-reader users). */
export function CopyButton({
  text,
  label = 'Copy',
  context,
}: {
  text: string;
  label?: string;
  /** what is copied, for screen readers ("raw payload") */
  context?: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50"
    >
      <span aria-live="polite">{copied ? 'Copied' : label}</span>
      {context && <span className="sr-only"> {context}</span>}
    </button>
  );
}
