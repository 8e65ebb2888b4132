import Link from '@/components/ui/link';
import type { TransactionFilter } from '@/lib/ledger/transaction-filter';

const words = (s: string) => s.replaceAll('_', ' ');

/** "No failed transactions for Paid orders → warehouse fulfilment in this window." */
export function describeEmpty(
  filter: TransactionFilter,
  names: { flow?: string; connection?: string },
): string {
  const statuses = filter.statuses.length ? `${filter.statuses.map(words).join(' or ')} ` : '';
  const parts = [`No ${statuses}transactions`];
  if (names.flow) parts.push(`for ${names.flow}`);
  if (names.connection) parts.push(`into ${names.connection}`);
  if (filter.errorClass) parts.push(`with error class ${words(filter.errorClass)}`);
  if (filter.q) parts.push(`matching “${filter.q}”`);
  if (filter.from || filter.to) parts.push('in this window');
  return `${parts.join(' ')}.`;
}

export function EmptyState({
  message,
  filtered,
  clearHref,
}: {
  message: string;
  filtered: boolean;
  clearHref: string;
}) {
  return (
    <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
      <p>{message}</p>
      {filtered ? (
        <Link href={clearHref} className="mt-2 inline-block text-blue-700 underline">
          Clear filters
        </Link>
      ) : (
        <p className="mt-1 text-sm text-slate-600">
          They appear here as soon as a webhook is accepted.
        </p>
      )}
    </div>
  );
}
