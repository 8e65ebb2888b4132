import type { ReactNode } from 'react';
import Link from '@/components/ui/link';
import { formatAge } from '@/components/ui/format';
import type { Overview } from '@/lib/overview/overview.presenter';
import { formatCount, formatRate } from './overview-format';

function Tile({
  label,
  value,
  detail,
  tone = 'plain',
  testId,
}: {
  label: string;
  value: string;
  detail?: ReactNode;
  tone?: 'plain' | 'bad' | 'warn';
  testId: string;
}) {
  const border =
    tone === 'bad' ? 'border-red-300' : tone === 'warn' ? 'border-amber-300' : 'border-slate-200';
  return (
    <div data-testid={testId} className={`rounded border bg-white p-4 ${border}`}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {detail && <dd className="mt-1 text-xs text-slate-600">{detail}</dd>}
    </div>
  );
}

/** The six figures an operations lead checks first; the window's label says what they cover. */
export function KpiTiles({ overview }: { overview: Overview }) {
  const t = overview.totals;
  const oldest = t.oldestPendingAgeSeconds;
  return (
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading" className="sr-only">
        Key figures
      </h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Tile
          testId="kpi-received"
          label="Received"
          value={formatCount(t.received)}
          detail={overview.window.label}
        />
        <Tile
          testId="kpi-completed"
          label="Completed"
          value={formatCount(t.completed)}
          detail={t.inProgress > 0 ? `${formatCount(t.inProgress)} still in progress` : undefined}
        />
        <Tile
          testId="kpi-success-rate"
          label="Success rate"
          value={formatRate(t.successRate)}
          detail="of those settled"
          tone={t.successRate !== null && t.successRate < 95 ? 'warn' : 'plain'}
        />
        <Tile
          testId="kpi-failures"
          label="Open failures"
          value={formatCount(t.failed)}
          tone={t.failed > 0 ? 'bad' : 'plain'}
          detail={
            t.failed > 0 ? (
              <Link href="/errors" className="text-blue-800 underline">
                Open error queues
              </Link>
            ) : (
              'failed or needing review'
            )
          }
        />
        <Tile
          testId="kpi-backlog"
          label="Backlog"
          value={formatCount(t.backlog)}
          detail={t.retrying > 0 ? `${formatCount(t.retrying)} retrying` : 'waiting to be sent'}
          tone={overview.paused.length > 0 && t.backlog > 0 ? 'warn' : 'plain'}
        />
        <Tile
          testId="kpi-oldest-pending"
          label="Oldest pending"
          value={oldest === null ? '—' : formatAge(oldest)}
          detail={oldest === null ? 'nothing waiting' : 'since it arrived'}
          tone={oldest !== null && oldest > 30 * 60 ? 'warn' : 'plain'}
        />
      </dl>
    </section>
  );
}
