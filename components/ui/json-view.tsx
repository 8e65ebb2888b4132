/**
 * A collapsed JSON block. The <pre> is a named group (a bare <pre> may not carry aria-label) and
 * focusable, so keyboard users can scroll a long payload. Code stays light-on-dark in dark mode:
 * the palette swap (app/dark-palette.css) would turn it dark-on-light, so `dark:` pins it to black
 * with slate-800 (a light grey once swapped).
 */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs text-blue-700">{label}</summary>
      <pre
        role="group"
        aria-label={label}
        tabIndex={0}
        className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100 dark:bg-black dark:text-slate-800"
      >
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
