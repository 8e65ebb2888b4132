/**
 * Description text of the OpenAPI document: plain sentences with `code` in backticks (the only
 * markup our descriptions use). Not a Markdown renderer; anything else shows as written.
 */
export function Prose({ text, className }: { text: string; className?: string }) {
  const parts = text.split('`');
  return (
    <p className={className}>
      {parts.map((part, i) =>
        // odd parts sat between backticks; an unpaired last backtick leaves its text plain
        i % 2 === 1 && i < parts.length - 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 text-slate-900">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </p>
  );
}
