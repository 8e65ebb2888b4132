import Link from 'next/link';
import type { SlaBreachGroup } from '@/lib/sla/sla-breaches.presenter';

/**
 * Orders whose expected step is late (open SLA breaches), one line per SLA rule. Nothing failed,
 * so the failure figures stay calm: this banner is where a missing step shows.
 */
export function SlaBreachBanner({ groups }: { groups: SlaBreachGroup[] }) {
  if (groups.length === 0) return null;
  return (
    <section
      aria-labelledby="sla-breach-heading"
      data-testid="sla-breach-banner"
      className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-950"
    >
      <h2 id="sla-breach-heading" className="text-base font-semibold">
        Orders past their SLA
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {groups.map((g) => (
          <li key={g.key} data-testid="sla-breach-item">
            {g.summary} ·{' '}
            <Link href={g.ordersPath} className="font-medium text-amber-900 underline">
              See the {g.expectFlowName} transactions
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        A breach clears by itself when the expected step completes.{' '}
        <Link href="/errors" className="font-medium text-amber-900 underline">
          Go to the error queues
        </Link>
      </p>
    </section>
  );
}
