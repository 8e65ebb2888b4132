import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import {
  AUDIT_OBJECT_TYPES,
  auditFilterParams,
  isAuditFiltered,
  readAuditFilter,
} from '@/lib/audit/audit-filter';
import { listAuditActors, listAuditEntries } from '@/lib/audit/audit-list.presenter';
import { nameAuditEntries } from '@/lib/audit/audit-names';
import { AUDIT_ACTIONS } from '@/lib/audit/events';
import { requirePage } from '@/lib/auth/session';
import { mappingDiffsForAudit } from '@/lib/mapping/audit-mapping-diffs';
import { serverContext } from '@/lib/server/context';
import { AuditFilterBar } from './_components/audit-filter-bar';
import { AuditTable } from './_components/audit-table';
import { VerifyChain } from './_components/verify-chain';

export const metadata: Metadata = { title: 'Audit log' };

type Raw = Record<string, string | string[] | undefined>;
const href = (pairs: [string, string][]) =>
  pairs.length ? `/audit?${new URLSearchParams(pairs).toString()}` : '/audit';

export default async function AuditPage({ searchParams }: { searchParams: Promise<Raw> }) {
  const actor = await requirePage('audit.read');
  // Lenient: a stale or hand-edited link still opens, minus what it cannot mean.
  const { limit, ...filter } = readAuditFilter(await searchParams);
  const { readDb } = serverContext();
  const [page, actors] = await Promise.all([
    listAuditEntries(readDb, actor.tenantId, filter, limit),
    listAuditActors(readDb, actor.tenantId),
  ]);
  // Names, links and diffs for this page only: the API and the export keep the recorded ids.
  const [named, diffs] = await Promise.all([
    nameAuditEntries(readDb, actor.tenantId, page.entries),
    mappingDiffsForAudit(readDb, actor.tenantId, page.entries),
  ]);
  const filtered = isAuditFiltered({ ...filter, limit });
  const exportQuery = new URLSearchParams(
    auditFilterParams({ ...filter, limit }, { cursor: null }),
  );
  exportQuery.delete('limit');
  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 id="audit-heading" className="text-xl font-semibold">
            Audit log
          </h1>
          <p className="text-sm text-slate-600">
            Who changed what, and every operator action, newest first. Entries cannot be edited or
            removed; each is chained to the one before, so tampering shows up when you verify.
          </p>
        </div>
        <a
          href={`/api/v1/audit/export${exportQuery.size ? `?${exportQuery.toString()}` : ''}`}
          download
          className="rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50"
        >
          Export CSV
        </a>
      </div>
      <VerifyChain />
      <AuditFilterBar actions={AUDIT_ACTIONS} objectTypes={AUDIT_OBJECT_TYPES} actors={actors} />
      {page.entries.length === 0 ? (
        <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          <p>
            {filter.cursor
              ? 'No more entries here.'
              : filtered
                ? 'No audit entries match these filters.'
                : 'No audit entries yet. Configuration changes and operator actions appear here.'}
          </p>
          {filtered && (
            <Link href="/audit" className="mt-2 inline-block text-blue-700 underline">
              Clear filters
            </Link>
          )}
        </div>
      ) : (
        <AuditTable entries={named} mappingDiffs={Object.fromEntries(diffs)} />
      )}
      <nav aria-label="Pagination" className="flex gap-4 text-sm">
        {filter.cursor && (
          <Link
            href={href(auditFilterParams({ ...filter, limit }, { cursor: null }))}
            className="text-blue-700 underline"
          >
            First page
          </Link>
        )}
        {page.nextCursor && (
          <Link
            href={href(auditFilterParams({ ...filter, limit }, { cursor: page.nextCursor }))}
            className="text-blue-700 underline"
          >
            Next page
          </Link>
        )}
      </nav>
    </section>
  );
}
