import Link from '@/components/ui/link';
import { Time } from '@/components/time/time';
import type { OverviewBusinessCheck } from '@/lib/overview/overview.presenter';
import { formatMinutes } from '@/lib/sla/sla-breaches.presenter';
import { formatCount } from './overview-format';

/** Breaches raised per bucket of the window, as bars; the numbers are in the label. */
function TrendBars({ check, label }: { check: OverviewBusinessCheck; label: string }) {
  const max = Math.max(1, ...check.trend.map((t) => t.breaches));
  const total = check.trend.reduce((n, t) => n + t.breaches, 0);
  const width = 4;
  return (
    <svg
      role="img"
      aria-label={`Late keys found in the ${label}: ${total} in all`}
      viewBox={`0 0 ${check.trend.length * width} 24`}
      preserveAspectRatio="none"
      className="h-8 w-full max-w-xs"
    >
      {check.trend.map((t, i) => (
        <rect
          key={t.start}
          x={i * width + 0.5}
          width={width - 1}
          y={24 - (t.breaches / max) * 24}
          height={(t.breaches / max) * 24}
          className="fill-amber-600"
        />
      ))}
    </svg>
  );
}

function CheckCard({ check, label }: { check: OverviewBusinessCheck; label: string }) {
  const bad = check.late > 0;
  const step = check.startFlow
    ? `after ${check.startFlow} completed`
    : `after the ${check.expectFlow} transaction arrived`;
  return (
    <li
      data-testid="business-check"
      className={`rounded border p-4 ${bad ? 'border-red-300 bg-red-50' : 'border-green-300 bg-green-50'}`}
    >
      <h3 className="text-base font-semibold">{check.name}</h3>
      <p className="mt-1 text-sm text-slate-800">
        <span
          data-testid="business-check-count"
          className={`mr-2 text-3xl font-semibold tabular-nums ${bad ? 'text-red-900' : 'text-green-900'}`}
        >
          {formatCount(check.late)}
        </span>
        {bad
          ? `late: ${check.expectFlow} has not completed within ${formatMinutes(check.withinMinutes)} ${step}.`
          : `late: every ${check.expectFlow} step came within ${formatMinutes(check.withinMinutes)}.`}
      </p>
      {check.oldest.length > 0 && (
        <ul
          className="mt-2 divide-y divide-red-100 text-sm"
          aria-label={`Oldest late of ${check.name}`}
        >
          {check.oldest.map((o) => (
            <li key={o.businessKey} className="flex flex-wrap items-center gap-x-3 py-1.5">
              <Link
                href={`/orders/${encodeURIComponent(o.businessKey)}`}
                className="font-medium text-blue-800 underline"
              >
                Order {o.businessKey}
              </Link>
              <span className="text-slate-700">
                due <Time value={o.dueAt} relative />
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-2 flex flex-wrap items-end justify-between gap-3">
        <TrendBars check={check} label={label} />
        <Link href={`/checks/${check.id}`} className="text-sm font-medium text-blue-800 underline">
          {bad ? `All ${formatCount(check.late)} late` : 'Details'}
          <span className="sr-only"> of {check.name}</span>
        </Link>
      </div>
    </li>
  );
}

/** Cross-system success in a few numbers: one card per business check (an SLA rule). */
export function BusinessChecks({
  checks,
  label,
  canManage,
}: {
  checks: OverviewBusinessCheck[];
  label: string;
  canManage: boolean;
}) {
  return (
    <section aria-labelledby="business-checks-heading" className="space-y-3">
      <h2 id="business-checks-heading" className="text-lg font-semibold">
        Business checks
      </h2>
      {checks.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">
          No business checks yet: a check says which step must follow which, and how soon (“paid
          orders in the warehouse within 30 minutes”).{' '}
          {canManage ? (
            <Link href="/settings/alerts" className="text-blue-800 underline">
              Define one in Settings · SLAs and alerts
            </Link>
          ) : (
            'An admin defines them in Settings · SLAs and alerts.'
          )}
        </p>
      ) : (
        <ul className="grid gap-4 xl:grid-cols-2">
          {checks.map((c) => (
            <CheckCard key={c.id} check={c} label={label} />
          ))}
        </ul>
      )}
    </section>
  );
}
