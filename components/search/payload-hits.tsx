import Link from '@/components/ui/link';
import { Time } from '@/components/time/time';
import { StatusBadge } from '@/components/ui/status-badge';

/** The payload search DTO (lib/search/payload-search.presenter). */
export interface PayloadHitsView {
  term: string | null;
  limited: boolean;
  transactions: {
    id: string;
    businessKey: string;
    status: string;
    createdAt: string;
    flow: { name: string };
  }[];
}

/** Transactions whose payload carries the typed value (a SKU, a tracking number), newest first. */
export function PayloadHits({ result }: { result: PayloadHitsView }) {
  if (!result.term || result.transactions.length === 0) return null;
  return (
    <section aria-labelledby="payload-hits-heading" className="space-y-2">
      <h2 id="payload-hits-heading" className="text-lg font-semibold">
        Transactions with “{result.term}” in their payload
      </h2>
      <ul aria-label="Transactions matched by payload" className="space-y-1">
        {result.transactions.map((t) => (
          <li
            key={t.id}
            data-testid="payload-hit"
            className="flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-white px-3 py-2 text-sm"
          >
            <Link href={`/transactions/${t.id}`} className="font-medium text-blue-700 underline">
              Order #{t.businessKey} · {t.flow.name}
            </Link>
            <StatusBadge status={t.status} />
            <span className="text-slate-600">
              received <Time value={t.createdAt} relative />
            </span>
          </li>
        ))}
      </ul>
      {result.limited && (
        <p className="text-sm text-slate-600">
          Only the newest {result.transactions.length} are shown.
        </p>
      )}
    </section>
  );
}
