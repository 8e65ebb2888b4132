import type { ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { describeExpunged, isExpungedMarker } from '@/lib/retention/payload-marker';

/** Pretty JSON; a string that is not JSON (a raw body that did not parse) is shown as it is. */
export function prettyJson(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? 'null');
}

/**
 * One payload, open, with a Copy button that copies exactly what is shown. Callers hand in values
 * already masked for the viewer's role, so a copy never carries more than the screen.
 */
export function PayloadBlock({
  label,
  value,
  meta,
}: {
  /** the heading, and the accessible name of the code block */
  label: string;
  value: unknown;
  meta?: ReactNode;
}) {
  const text = prettyJson(value);
  return (
    <div className="mt-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">{label}</h3>
        <CopyButton text={text} />
      </div>
      {meta && <div className="mt-1 text-xs text-slate-700">{meta}</div>}
      {/* a body retention removed (docs/adr/0023): said in words above the marker itself */}
      {isExpungedMarker(value) && (
        <p role="note" className="mt-1 text-sm text-slate-700">
          {describeExpunged(value)}
        </p>
      )}
      <pre
        role="group"
        aria-label={label}
        tabIndex={0}
        className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap text-slate-100"
      >
        {text}
      </pre>
    </div>
  );
}

/** Said instead of a payload that does not exist yet, and why. */
export function PayloadEmpty({ children }: { children: ReactNode }) {
  return <p className="mt-3 text-sm text-slate-600">{children}</p>;
}
