import Link from '@/components/ui/link';
import { Time } from '@/components/time/time';
import type { SlaBreachGroup } from '@/lib/sla/sla-breaches.presenter';

/**
 * An SLA rule's open breaches as an error group of class "sla_breach": nothing failed, an expected
 * step is late. No replay or resolve here: the group empties when the step completes.
 */
export function SlaBreachGroupCard({ group: g }: { group: SlaBreachGroup }) {
  const headingId = `group-${g.key.replace(':', '-')}`;
  const shown = g.businessKeys.length;
  return (
    <li
      aria-labelledby={headingId}
      data-testid="sla-breach-group"
      className="rounded border border-amber-300 bg-white p-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="font-semibold">
          {g.expectFlowName} ·{' '}
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-mono text-sm">
            {g.errorClass}
          </span>
        </h2>
        <p className="text-sm text-slate-700">
          {g.open} {g.open === 1 ? 'order' : 'orders'} late
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-800">{g.summary}.</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-700">
        <dt>First seen</dt>
        <dd>
          <Time value={g.firstSeen} />
        </dd>
        <dt>Last seen</dt>
        <dd>
          <Time value={g.lastSeen} />
        </dd>
        <dt>Orders</dt>
        <dd className="font-mono">
          {g.businessKeys.join(', ')}
          {g.open > shown && ` and ${g.open - shown} more`}
        </dd>
      </dl>
      <p className="mt-2 text-sm">
        <Link href={g.ordersPath} className="font-medium text-blue-800 underline">
          Open these orders
        </Link>{' '}
        <span className="text-slate-600">· clears by itself when the step completes</span>
      </p>
    </li>
  );
}
