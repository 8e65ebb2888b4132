import Link from '@/components/ui/link';
import { Time } from '@/components/time/time';
import type { NamedAuditEntry } from '@/lib/audit/audit-names';
import type { MappingDiff } from '@/lib/mapping/mapping-diff';
import { AuditChanges } from './audit-changes';

const words = (s: string) => s.replaceAll(/[._]/g, ' ');
const KIND: Record<NamedAuditEntry['actor']['kind'], string> = {
  user: 'person',
  token: 'API token',
  system: 'system',
};
const link = 'text-blue-700 underline underline-offset-2 hover:text-blue-900';

/** The actor by name; the id it was recorded with on hover. */
function Actor({ e }: { e: NamedAuditEntry }) {
  const id = e.actor.userId ?? e.actor.tokenId;
  const title = id ? `${KIND[e.actor.kind]} ${id}` : undefined;
  return (
    <>
      {e.actorHref ? (
        <Link href={e.actorHref} title={title} className={link}>
          {e.actor.label}
        </Link>
      ) : (
        <span title={title}>{e.actor.label}</span>
      )}
      <span className="block text-xs text-slate-600">{KIND[e.actor.kind]}</span>
    </>
  );
}

/** The object by name with a link to its page; its type and id in the hover title. */
function ObjectCell({ e }: { e: NamedAuditEntry }) {
  const o = e.objectName;
  const title = `${words(o.type)} ${o.id}`;
  if (o.name === null)
    return (
      <>
        {o.href ? (
          <Link href={o.href} title={title} className={link}>
            {words(o.type)}
          </Link>
        ) : (
          words(o.type)
        )}
        <span className="block font-mono text-xs break-all text-slate-600" title={title}>
          {/^[0-9a-f-]{36}$/i.test(o.id) ? `${o.id.slice(0, 8)}…` : o.id}
        </span>
      </>
    );
  return (
    <>
      {o.href ? (
        <Link href={o.href} title={title} className={`${link} break-words`}>
          {o.name}
        </Link>
      ) : (
        <span title={title} className="break-words">
          {o.name}
        </span>
      )}
      <span className="block text-xs text-slate-600">
        {words(o.type)}
        {o.gone ? ' (deleted)' : ''}
      </span>
    </>
  );
}

/** One row per entry, newest first; what changed is shown in place. */
export function AuditTable({
  entries,
  mappingDiffs,
}: {
  entries: NamedAuditEntry[];
  /** entry id -> the mapping versions' diff, for mapping changes */
  mappingDiffs: Record<string, MappingDiff>;
}) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit entries, newest first</caption>
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            {['#', 'Time', 'Actor', 'Action', 'Object', 'Reason', 'Changes'].map((h) => (
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
                <Time value={e.at} />
              </td>
              <td className="px-3 py-2">
                <Actor e={e} />
              </td>
              <td className="px-3 py-2">{words(e.action)}</td>
              <td className="max-w-xs px-3 py-2" data-testid="audit-object">
                <ObjectCell e={e} />
              </td>
              <td className="max-w-xs px-3 py-2 break-words">{e.reason ?? '—'}</td>
              <td className="min-w-64 px-3 py-2">
                <AuditChanges entry={e} mappingDiff={mappingDiffs[e.id]} />
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
