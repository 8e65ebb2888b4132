import { Time } from '@/components/time/time';
import { viewerTimeZone } from '@/lib/auth/time-zone';
import { formatDateTime } from '@/lib/base/time-format';
import type { ReplayBatchRow } from '@/lib/engine/replay-batches.presenter';
import { CancelBatchButton } from './cancel-batch-button';

const TONE: Record<ReplayBatchRow['status'], string> = {
  running: 'bg-blue-100 text-blue-900',
  completed: 'bg-green-100 text-green-900',
  cancelled: 'bg-slate-200 text-slate-700',
};

export async function BatchList({
  batches,
  highlight,
}: {
  batches: ReplayBatchRow[];
  highlight?: string;
}) {
  const { zone } = await viewerTimeZone();
  if (batches.length === 0)
    return (
      <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        No replay batches yet. Preview a filter above to start one.
      </p>
    );
  return (
    <ul className="space-y-3">
      {batches.map((b) => {
        const label = `batch started ${formatDateTime(b.createdAt, zone)} by ${b.requestedBy}`;
        return (
          <li
            key={b.id}
            data-testid="replay-batch"
            data-status={b.status}
            className={`rounded border bg-white p-4 ${b.id === highlight ? 'border-blue-500' : 'border-slate-200'}`}
          >
            <div className="flex flex-wrap items-center gap-3">
              <span
                className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[b.status]}`}
              >
                {b.status}
              </span>
              <span className="text-sm">
                <Time value={b.createdAt} /> by <span className="font-medium">{b.requestedBy}</span>
              </span>
              {b.status === 'running' && (
                <div className="ml-auto">
                  <CancelBatchButton batchId={b.id} label={label} />
                </div>
              )}
            </div>
            <p className="mt-2 text-sm">
              <span className="text-slate-600">Why: </span>
              {b.reason}
            </p>
            <p className="text-xs text-slate-600">{b.filter.text}</p>
            <div
              role="progressbar"
              aria-label={`Progress of the ${label}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={b.percent}
              aria-valuetext={`${b.handled} of ${b.total} handled`}
              className="mt-3 h-2 w-full overflow-hidden rounded bg-slate-200"
            >
              <div
                className={`h-2 ${b.status === 'cancelled' ? 'bg-slate-500' : 'bg-blue-600'}`}
                style={{ width: `${b.percent}%` }}
              />
            </div>
            <p className="mt-1 text-xs text-slate-700" data-testid="replay-batch-counts">
              {b.handled} of {b.total} handled · {b.replayed} replayed · {b.skipped} skipped (no
              longer replayable)
              {b.finishedAt && (
                <>
                  {' '}
                  · finished <Time value={b.finishedAt} />
                </>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
