import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { requirePage } from '@/lib/auth/session';
import {
  ERROR_CLASSES,
  isFiltered,
  readTransactionFilter,
  transactionFilterParams,
} from '@/lib/ledger/transaction-filter';
import {
  listTransactionFilterOptions,
  listTransactions,
} from '@/lib/ledger/transaction-list.presenter';
import { ALL_STATUSES } from '@/lib/ledger/status';
import { serverContext } from '@/lib/server/context';
import { describeEmpty, EmptyState } from './_components/empty-state';
import { FilterBar } from './_components/filter-bar';
import { TransactionsView } from './_components/transactions-view';
import { actorCan } from '@/lib/base/actor';

export const metadata: Metadata = { title: 'Transactions' };

type Raw = Record<string, string | string[] | undefined>;
const href = (pairs: [string, string][]) =>
  pairs.length ? `/transactions?${new URLSearchParams(pairs).toString()}` : '/transactions';

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<Raw> }) {
  const actor = await requirePage('transactions.read');
  const raw = await searchParams;
  // Lenient: a stale or hand-edited link still opens, minus what it cannot mean.
  const filter = readTransactionFilter(raw);
  // the replica when there is one (docs/deploy.md, "Scaling out"): this list may lag a moment
  const { readDb } = serverContext();
  const [page, options] = await Promise.all([
    listTransactions(readDb, actor.tenantId, filter, {
      personalData: actorCan(actor, 'personal_data.read'),
    }),
    listTransactionFilterOptions(readDb, actor.tenantId),
  ]);
  const allowed = (['replay', 'resolve', 'cancel'] as const).filter((a) =>
    actorCan(actor, `transactions.${a}`),
  );
  const filtered = isFiltered(filter);
  const exportQuery = new URLSearchParams(transactionFilterParams(filter, { cursor: null }));
  exportQuery.delete('limit');
  const keepView = (pairs: [string, string][]) => {
    // the column choice is the person's view, not part of the filter: keep it when paging
    const hide = raw.hide;
    return typeof hide === 'string' ? [...pairs, ['hide', hide] as [string, string]] : pairs;
  };
  return (
    <section aria-labelledby="transactions-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 id="transactions-heading" className="text-xl font-semibold">
            Transactions
          </h1>
          <p className="text-sm text-slate-600">
            Every transaction in the ledger, newest first unless you sort by Received.
          </p>
        </div>
        {actorCan(actor, 'exports.download') && (
          <a
            href={`/api/v1/transactions/export${exportQuery.size ? `?${exportQuery.toString()}` : ''}`}
            download
            className="rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50"
          >
            Export CSV
          </a>
        )}
      </div>
      <FilterBar
        statuses={ALL_STATUSES}
        errorClasses={ERROR_CLASSES}
        flows={options.flows}
        connections={options.connections}
      />
      {page.rows.length === 0 ? (
        <EmptyState
          filtered={filtered}
          clearHref={href(keepView(filter.sort === 'oldest' ? [['sort', 'oldest']] : []))}
          message={
            filter.cursor
              ? 'No more transactions here.'
              : filtered
                ? describeEmpty(filter, {
                    flow: options.flows.find((f) => f.id === filter.flowId)?.name,
                    connection: options.connections.find((c) => c.id === filter.connectionId)?.name,
                  })
                : 'No transactions yet.'
          }
        />
      ) : (
        <TransactionsView key={JSON.stringify(filter)} rows={page.rows} allowed={allowed} />
      )}
      <nav aria-label="Pagination" className="flex gap-4 text-sm">
        {filter.cursor && (
          <Link
            href={href(keepView(transactionFilterParams(filter, { cursor: null })))}
            className="text-blue-700 underline"
          >
            First page
          </Link>
        )}
        {page.nextCursor && (
          <Link
            href={href(keepView(transactionFilterParams(filter, { cursor: page.nextCursor })))}
            className="text-blue-700 underline"
          >
            Next page
          </Link>
        )}
      </nav>
    </section>
  );
}
