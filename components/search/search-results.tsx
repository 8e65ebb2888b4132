import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { Time } from '@/components/time/time';
import { StatusBadge } from '@/components/ui/status-badge';
import {
  EMAIL_SEARCH_REFUSED,
  SEARCH_EXAMPLES,
  orderHref,
  transactionsLabel,
  type SearchResultView,
} from './search-hit-view';

/** The search page's answer: matching orders, or words for why there are none. */
export function SearchResults({ result }: { result: SearchResultView | null }) {
  if (!result || !result.query) return <SearchExamples />;
  if (result.emailSearchRefused) return <Notice>{EMAIL_SEARCH_REFUSED}</Notice>;
  if (result.hits.length === 0)
    return (
      <Notice>
        No orders match “{result.query}”. Check the number, or search by a provider reference or the
        customer’s email.
      </Notice>
    );
  return (
    <ul aria-label="Matching orders" className="space-y-2">
      {result.hits.map((h) => (
        <li
          key={h.businessKey}
          data-testid="search-hit"
          className="rounded border border-slate-200 bg-white p-3"
        >
          <div className="flex flex-wrap items-center gap-2">
            <Link href={orderHref(h.businessKey)} className="font-medium text-blue-700 underline">
              Order #{h.businessKey}
            </Link>
            {h.headlineStatus && <StatusBadge status={h.headlineStatus} />}
            <span className="text-sm text-slate-600">matched by {h.matchedByLabel}</span>
          </div>
          <p className="mt-1 text-sm text-slate-700">
            {transactionsLabel(h.transactionCount)} · {h.statusSummary} · last activity{' '}
            <Time value={h.lastActivityAt} relative />
            {h.customerEmail && ` · ${h.customerEmail}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
      {children}
    </p>
  );
}

function SearchExamples() {
  return (
    <div className="rounded border border-dashed border-slate-300 bg-white p-6 text-slate-700">
      <p>Find an order by anything the customer or a system gave you:</p>
      <ul className="mt-2 list-inside list-disc text-sm">
        {SEARCH_EXAMPLES.map((e) => (
          <li key={e.example}>
            <kbd className="rounded bg-slate-100 px-1 font-mono">{e.example}</kbd> — {e.meaning}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        Press <kbd className="rounded bg-slate-100 px-1">⌘K</kbd> (or Ctrl+K, or /) anywhere to
        search without leaving the page.
      </p>
    </div>
  );
}
