import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { TransactionsTable } from '@/components/data-table/transactions-table';
import { requirePage } from '@/lib/auth/session';
import { tenantDb } from '@/lib/db';
import { ALL_STATUSES } from '@/lib/ledger/status';
import { listTransactions } from '@/lib/ledger/transaction-list.presenter';
import { serverContext } from '@/lib/server/context';
import { StatusFilter } from './_components/status-filter';

export const metadata: Metadata = { title: 'Transactions' };

const query = z.object({
  status: z
    .enum(ALL_STATUSES as [string, ...string[]])
    .optional()
    .catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

export default async function TransactionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('transactions.read');
  const params = query.parse(await searchParams);
  const status = params.status as (typeof ALL_STATUSES)[number] | undefined;
  const page = await listTransactions(tenantDb(serverContext().db, actor.tenantId), {
    status,
    cursor: params.cursor,
    limit: 50,
  });
  const nextHref = page.nextCursor
    ? `/transactions?${new URLSearchParams({ ...(status && { status }), cursor: page.nextCursor }).toString()}`
    : null;
  return (
    <section aria-labelledby="transactions-heading">
      <div className="mb-4 flex items-center justify-between">
        <h1 id="transactions-heading" className="text-xl font-semibold">
          Transactions
        </h1>
        <StatusFilter statuses={ALL_STATUSES} value={status} />
      </div>
      {page.rows.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {status
            ? `No transactions with status ${status.replace('_', ' ')}.`
            : 'No transactions yet. They appear here as soon as a webhook is accepted.'}
        </p>
      ) : (
        <TransactionsTable rows={page.rows} />
      )}
      <nav aria-label="Pagination" className="mt-4 flex gap-4 text-sm">
        {params.cursor && (
          <Link
            href={status ? `/transactions?status=${status}` : '/transactions'}
            className="text-blue-700 underline"
          >
            First page
          </Link>
        )}
        {nextHref && (
          <Link href={nextHref} className="text-blue-700 underline">
            Next page
          </Link>
        )}
      </nav>
    </section>
  );
}
