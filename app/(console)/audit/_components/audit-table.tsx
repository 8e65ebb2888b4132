import { formatDateTime } from '@/components/ui/format';
import { JsonView } from '@/components/ui/json-view';
import type { AuditEntryRow } from '@/lib/audit/audit-list.presenter';

const words = (s: string) => s.replaceAll(/[._]/g, ' ');
const KIND: Record<AuditEntryRow['actor']['kind'], string> = {
  user: 'person',
  token: 'API token',
  system: 'system',
};

/** One row per entry, newest first; before/after open in place (keyboard: Enter on the summary). */
export function AuditTable({ entries }: { entries: AuditEntryRow[] }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit entries, newest first</caption>
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            {['#', 'Time', 'Actor', 'Action', 'Object', 'Reason', 'Details'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" className="border-b border-slate-100 align-top">
              <td className="px-3 py-2 tabular-nums text-slate-600">{e.seq}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </td>
              <td className="px-3 py-2">
                {e.actor.label}
                <span className="block text-xs text-slate-600">{KIND[e.actor.kind]}</span>
              </td>
              <td className="px-3 py-2">{words(e.action)}</td>
              <td className="px-3 py-2">
                {words(e.object.type)}
                <span className="block font-mono text-xs break-all text-slate-600">
                  {e.object.id}
                </span>
              </td>
              <td className="max-w-xs px-3 py-2 break-words">{e.reason ?? '—'}</td>
              <td className="px-3 py-2">
                {e.before || e.after ? (
                  <>
                    {e.before && <JsonView value={e.before} label={`Before (entry ${e.seq})`} />}
                    {e.after && <JsonView value={e.after} label={`After (entry ${e.seq})`} />}
                  </>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
                {e.requestId && (
                  <span className="mt-1 block font-mono text-xs text-slate-500">
                    request {e.requestId}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
