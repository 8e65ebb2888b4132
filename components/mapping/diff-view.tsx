// A mapping version diff, field by field (lib/mapping/mapping-diff.ts): the flow page's version
// comparison and the audit log's inline view of a mapping change.
import type { MappingDiff } from '@/lib/mapping/mapping-diff';

const ROW: Record<'added' | 'removed' | 'context', { sign: string; tone: string; words: string }> =
  {
    added: { sign: '+', tone: 'bg-green-50 text-green-950', words: 'added' },
    removed: { sign: '−', tone: 'bg-red-50 text-red-950', words: 'removed' },
    context: { sign: ' ', tone: 'text-slate-700', words: 'unchanged' },
  };

/** A line diff per field; unchanged fields say so in one line. */
export function DiffView({ diff }: { diff: MappingDiff }) {
  return (
    <div className="space-y-4" data-testid="mapping-diff">
      {diff.fields.map((f) => (
        <section
          key={f.field}
          aria-label={f.label}
          className="rounded border border-slate-200 bg-white"
        >
          <h3 className="flex flex-wrap items-baseline gap-2 border-b border-slate-200 px-3 py-2 text-sm font-semibold">
            {f.label}
            <span className="text-xs font-normal text-slate-600">
              {f.changed ? `${f.added} added, ${f.removed} removed` : 'no change'}
            </span>
          </h3>
          {f.hunks.map((h) => (
            <table key={h.header} className="w-full font-mono text-xs">
              <caption className="bg-slate-50 px-3 py-1 text-left text-slate-600">
                {h.header}
              </caption>
              <tbody>
                {h.lines.map((l, i) => {
                  const row = ROW[l.kind];
                  return (
                    <tr key={i} className={row.tone} data-kind={l.kind}>
                      <td className="w-10 px-2 text-right text-slate-500 select-none">
                        {l.oldLine ?? ''}
                      </td>
                      <td className="w-10 px-2 text-right text-slate-500 select-none">
                        {l.newLine ?? ''}
                      </td>
                      <td className="w-4 select-none" aria-label={row.words}>
                        {row.sign}
                      </td>
                      <td className="px-2 whitespace-pre-wrap">{l.text}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ))}
        </section>
      ))}
    </div>
  );
}
