import type { TestRunResult } from '@/lib/mapping/test-run-mapping';

/** Fields the expression produced that the operation's schema strips: they are never sent. */
export function DroppedFields({ result }: { result: TestRunResult }) {
  if (result.dropped.length === 0) return null;
  const n = result.dropped.length;
  return (
    <div
      role="alert"
      data-testid="dropped-fields"
      className="mb-3 rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-semibold">
        {n === 1 ? '1 field is' : `${n} fields are`} dropped: the target operation does not accept{' '}
        {n === 1 ? 'it' : 'them'}, so {n === 1 ? 'it is' : 'they are'} not sent.
      </p>
      <ul className="mt-1 list-disc pl-5 font-mono text-xs break-all">
        {result.dropped.map((path) => (
          <li key={path}>{path}</li>
        ))}
      </ul>
    </div>
  );
}

const KIND = {
  added: { words: 'added', tone: 'text-green-900' },
  removed: { words: 'removed', tone: 'text-red-900' },
  changed: { words: 'changed', tone: 'text-amber-900' },
} as const;

/** The run's output next to the active version's on the same payload, field by field. */
export function ComparedWithActive({ comparison }: { comparison: TestRunResult['comparison'] }) {
  if (comparison === null) return null;
  const title = `Compared with version ${comparison.against} (active) on this payload`;
  return (
    <section
      aria-label={title}
      data-testid="test-run-comparison"
      className="mt-3 rounded border border-slate-200 bg-white p-3"
    >
      <h3 className="mb-1 text-sm font-semibold">{title}</h3>
      {!comparison.ok ? (
        <p className="text-sm text-amber-900">{comparison.error}</p>
      ) : comparison.changes.length === 0 ? (
        <p className="text-sm text-slate-700">Same output as the active version.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">
              {comparison.changes.length} fields differ from version {comparison.against}
            </caption>
            <thead className="border-b border-slate-300 text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  Field
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  Change
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  Version {comparison.against} (active)
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  This run
                </th>
              </tr>
            </thead>
            <tbody>
              {comparison.changes.map((c) => (
                <tr key={`${c.kind}:${c.path}`} className="border-b border-slate-100 align-top">
                  <th scope="row" className="px-2 py-1 font-mono font-normal break-all">
                    {c.path}
                  </th>
                  <td className={`px-2 py-1 ${KIND[c.kind].tone}`}>{KIND[c.kind].words}</td>
                  <td className="px-2 py-1 font-mono break-all">{c.before ?? '—'}</td>
                  <td className="px-2 py-1 font-mono break-all">{c.after ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
