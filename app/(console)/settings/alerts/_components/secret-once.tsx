'use client';

import { CopyButton } from '@/components/ui/copy-button';

/**
 * A signing secret, shown this once with a copy button. Once dismissed (or the page is left)
 * nobody can see it again: the ledger keeps it sealed and the screens only say that it is set.
 */
export function SecretOnce({
  id,
  title,
  secret,
  onDismiss,
}: {
  id: string;
  title: string;
  secret: string;
  onDismiss: () => void;
}) {
  return (
    <div
      role="region"
      aria-labelledby={`${id}-heading`}
      className="max-w-2xl space-y-3 rounded border border-amber-400 bg-amber-50 p-4"
    >
      <h3 id={`${id}-heading`} className="font-semibold">
        {title}
      </h3>
      <p className="text-sm text-amber-950">
        Give this signing secret to the receiver: it verifies the <code>webhook-signature</code>{' '}
        header of every alert with it (Standard Webhooks). Copy it now; it will not be shown again.
        If it is lost, rotate it.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-secret`} className="sr-only">
          The signing secret
        </label>
        <input
          id={`${id}-secret`}
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
        />
        <CopyButton text={secret} context="the signing secret" />
      </div>
      <button
        type="button"
        onClick={onDismiss}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
      >
        I have copied it
      </button>
    </div>
  );
}
