import Link from '@/components/ui/link';
import { Time } from '@/components/time/time';
import type { Overview } from '@/lib/overview/overview.presenter';
import { formatCount } from './overview-format';

/**
 * Paused connections and flows, first thing on the page, with the work piling up behind them:
 * a pause nobody remembers is the quietest outage there is.
 */
export function PausedBanner({ items }: { items: Overview['paused'] }) {
  if (items.length === 0) return null;
  return (
    <section
      aria-labelledby="paused-heading"
      data-testid="paused-banner"
      className="rounded border border-purple-300 bg-purple-50 p-4 text-purple-950"
    >
      <h2 id="paused-heading" className="text-base font-semibold">
        {items.length === 1 ? 'Something is paused' : `${items.length} things are paused`}
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {items.map((p) => (
          <li key={`${p.kind}-${p.id}`} data-testid="paused-item">
            <span className="font-semibold">{p.name}</span> {p.kind === 'flow' ? 'flow ' : ''}
            paused · {formatCount(p.waiting)} waiting
            {p.pause && (p.pause.by || p.pause.reason) ? (
              <span data-testid="paused-item-why">
                {p.pause.by ? ` · by ${p.pause.by}` : ''}
                {p.pause.at ? (
                  <>
                    {' '}
                    <Time value={p.pause.at} relative />
                  </>
                ) : null}
                {p.pause.reason ? (
                  <>
                    : <q>{p.pause.reason}</q>
                  </>
                ) : null}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        Webhooks are still accepted and recorded; the waiting work is sent once resumed.{' '}
        <Link href="/connections" className="font-medium text-purple-900 underline">
          Go to connections and flows
        </Link>
      </p>
    </section>
  );
}
