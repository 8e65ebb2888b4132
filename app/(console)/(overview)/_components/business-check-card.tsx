import Link from 'next/link';
import { formatAge } from '@/components/ui/format';
import { StatusBadge } from '@/components/ui/status-badge';
import type { OverviewBusinessCheck } from '@/lib/overview/overview.presenter';
import { formatCount } from './overview-format';

/** Cross-system success in one number: paid orders that have not reached the warehouse. */
export function BusinessCheckCard({ check }: { check: OverviewBusinessCheck }) {
  const bad = check.total > 0;
  return (
    <section
      aria-labelledby="business-check-heading"
      data-testid="business-check"
      className={`rounded border p-4 ${bad ? 'border-red-300 bg-red-50' : 'border-green-300 bg-green-50'}`}
    >
      <h2 id="business-check-heading" className="text-base font-semibold">
        {check.title}
      </h2>
      {!check.applicable ? (
        <p className="mt-1 text-sm text-slate-700">
          No flow creates warehouse fulfilments, so there is nothing to check.
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-800">
            <span
              data-testid="business-check-count"
              className={`mr-2 text-3xl font-semibold tabular-nums ${bad ? 'text-red-900' : 'text-green-900'}`}
            >
              {formatCount(check.total)}
            </span>
            {bad
              ? `${check.total === 1 ? 'order' : 'orders'} paid more than ${check.thresholdMinutes} minutes ago ${check.total === 1 ? 'has' : 'have'} not reached the warehouse.`
              : `Every paid order older than ${check.thresholdMinutes} minutes is in the warehouse.`}
          </p>
          {check.oldest.length > 0 && (
            <>
              <h3 className="mt-3 text-sm font-semibold">Oldest first</h3>
              <ul className="mt-1 divide-y divide-red-100 text-sm">
                {check.oldest.map((o) => (
                  <li key={o.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
                    <Link
                      href={`/orders/${encodeURIComponent(o.businessKey)}`}
                      className="font-medium text-blue-800 underline"
                    >
                      Order {o.businessKey}
                    </Link>
                    <StatusBadge status={o.status} />
                    {o.errorClass && (
                      <span className="text-xs text-slate-700">
                        {o.errorClass.replace('_', ' ')}
                      </span>
                    )}
                    <span className="text-slate-700">waiting {formatAge(o.ageSeconds)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
