import { cookies } from 'next/headers';
import { Timeline } from '@/components/timeline/timeline';
import { TimelineControls } from '@/components/timeline/timeline-controls';
import {
  DEFAULT_TIMELINE_ORDER,
  TIMELINE_ORDER_COOKIE,
} from '@/components/timeline/timeline-order';
import type { TransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import {
  arrangeTimeline,
  isTimelineKind,
  isTimelineOrder,
  type TimelineOrder,
} from '@/lib/ledger/timeline-groups';

/**
 * The timeline, arranged on the server: the order from the URL, else the one this browser
 * remembers, else newest first; one kind when the URL asks; runs of retries folded.
 */
export async function TimelineSection({
  timeline,
  truncated,
  query,
}: {
  timeline: TransactionDetail['timeline'];
  truncated: boolean;
  query: { order?: string | string[]; kind?: string | string[] };
}) {
  const remembered = (await cookies()).get(TIMELINE_ORDER_COOKIE)?.value;
  const asked = first(query.order);
  const order: TimelineOrder = isTimelineOrder(asked)
    ? asked
    : isTimelineOrder(remembered)
      ? remembered
      : DEFAULT_TIMELINE_ORDER;
  const wanted = first(query.kind);
  const kind = isTimelineKind(wanted) ? wanted : null;
  return (
    <section aria-labelledby="timeline-heading" className="mt-6">
      <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
        Timeline
      </h2>
      <TimelineControls order={order} kind={kind} />
      <Timeline
        blocks={arrangeTimeline(timeline, { order, kind })}
        truncated={truncated}
        order={order}
        filtered={kind !== null}
      />
    </section>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
