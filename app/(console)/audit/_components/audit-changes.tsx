import { DiffView } from '@/components/mapping/diff-view';
import { JsonView } from '@/components/ui/json-view';
import type { NamedAuditEntry } from '@/lib/audit/audit-names';
import type { MappingDiff } from '@/lib/mapping/mapping-diff';

/**
 * What an entry changed, in place: each field before and after, and for a mapping change the
 * versions' line diff. The raw snapshots stay one click away for auditors who want them whole.
 */
export function AuditChanges({
  entry,
  mappingDiff,
}: {
  entry: NamedAuditEntry;
  mappingDiff: MappingDiff | undefined;
}) {
  const { changes, before, after, seq } = entry;
  if (changes.length === 0 && !mappingDiff && !before && !after)
    return <span className="text-slate-500">—</span>;
  return (
    <div className="space-y-2">
      {changes.length > 0 && (
        <table className="w-full text-left text-xs" data-testid="audit-changes">
          <caption className="sr-only">Fields changed by entry {seq}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="pr-2 font-medium">
                Field
              </th>
              <th scope="col" className="pr-2 font-medium">
                Before
              </th>
              <th scope="col" className="font-medium">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field} className="border-t border-slate-100 align-top">
                <th scope="row" className="pr-2 font-mono font-normal break-all">
                  {c.field}
                </th>
                <td className="bg-red-50 pr-2 font-mono break-all text-red-950">
                  {c.before ?? <span className="text-slate-500">—</span>}
                </td>
                <td className="bg-green-50 font-mono break-all text-green-950">
                  {c.after ?? <span className="text-slate-500">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mappingDiff && (
        <details open className="text-xs">
          <summary className="cursor-pointer text-blue-700">
            Mapping v{mappingDiff.from} → v{mappingDiff.to}:{' '}
            {mappingDiff.fields
              .filter((f) => f.changed)
              .map((f) => f.label)
              .join(', ') || 'no change'}
          </summary>
          <div className="mt-1">
            <DiffView
              diff={{ ...mappingDiff, fields: mappingDiff.fields.filter((f) => f.changed) }}
            />
          </div>
        </details>
      )}
      {(before || after) && (
        <details className="text-xs">
          <summary className="cursor-pointer text-slate-600">Recorded snapshots</summary>
          {before && <JsonView value={before} label={`Before (entry ${seq})`} />}
          {after && <JsonView value={after} label={`After (entry ${seq})`} />}
        </details>
      )}
    </div>
  );
}
