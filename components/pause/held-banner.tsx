import { Time } from '@/components/time/time';
import type { HeldBy } from '@/lib/ledger/held-by-pause';

const what = (h: HeldBy) =>
  h.kind === 'connection' ? `the ${h.name} connection` : `the flow ${h.name}`;

/**
 * Held work says so, and by whose pause: a transaction a pause holds is not new work, and
 * "Nothing has been sent yet" alone would read like it. Names the pause, who, when and why.
 */
export function HeldBanner({ heldBy, storedStatus }: { heldBy: HeldBy; storedStatus: string }) {
  return (
    <section
      aria-label="Paused"
      data-testid="paused-banner"
      className="mt-3 rounded border border-purple-300 bg-purple-50 p-3 text-sm text-purple-950"
    >
      <p className="font-semibold">
        Paused — held by the pause of {what(heldBy)}. Nothing is sent until it is resumed.
      </p>
      <p className="mt-1">
        Paused
        {heldBy.pausedBy ? (
          <>
            {' '}
            by <span data-testid="paused-by">{heldBy.pausedBy}</span>
          </>
        ) : null}
        {heldBy.pausedAt ? (
          <>
            {' '}
            on <Time value={heldBy.pausedAt} />
          </>
        ) : null}
        {heldBy.reason ? (
          <>
            : <q data-testid="pause-reason">{heldBy.reason}</q>
          </>
        ) : (
          ' (no reason was recorded for this pause)'
        )}
      </p>
      <p className="mt-1 text-purple-900">
        This transaction waits as {storedStatus.replace(/_/g, ' ')} and goes out by itself after the
        resume, within the rate limit.
      </p>
    </section>
  );
}
