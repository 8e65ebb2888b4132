/**
 * A collapsed JSON block. The <pre> is a named group (a bare <pre> may not carry aria-label) and
 * focusable, so keyboard users can scroll a long payload.
 */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs text-blue-700">{label}</summary>
      <pre
        role="group"
        aria-label={label}
        tabIndex={0}
        className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100"
      >
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
