import { formatAge } from '@/components/ui/format';
import type { OverviewFlow } from '@/lib/overview/overview.presenter';
import { formatCount, formatMs, formatRate } from './overview-format';

const th = 'px-3 py-2 font-medium';
const num = 'px-3 py-2 text-right tabular-nums align-top';

/** Per flow: what arrived in the window and became of it, what waits, and how long it took. */
export function FlowTable({ flows, windowLabel }: { flows: OverviewFlow[]; windowLabel: string }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table aria-labelledby="flows-overview-heading" className="w-full text-left text-sm">
        <caption className="sr-only">
          Per flow, over the {windowLabel}: arrivals, completions, success rate, failures, backlog,
          oldest pending work and processing latency.
        </caption>
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              Flow
            </th>
            <th scope="col" className={`${th} text-right`}>
              Received
            </th>
            <th scope="col" className={`${th} text-right`}>
              Completed
            </th>
            <th scope="col" className={`${th} text-right`}>
              Success
            </th>
            <th scope="col" className={`${th} text-right`}>
              Failures
            </th>
            <th scope="col" className={`${th} text-right`}>
              Backlog
            </th>
            <th scope="col" className={`${th} text-right`}>
              Oldest pending
            </th>
            <th scope="col" className={`${th} text-right`}>
              <abbr title="median processing time">p50</abbr>
            </th>
            <th scope="col" className={`${th} text-right`}>
              <abbr title="95th percentile processing time">p95</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {flows.map((f) => (
            <tr key={f.id} data-testid="overview-flow-row" className="border-b border-slate-100">
              <th scope="row" className="px-3 py-2 align-top font-medium">
                {f.name}
                <span className="block text-xs font-normal text-slate-600">
                  {f.source} → {f.target}
                </span>
                {f.status === 'paused' && (
                  <span className="mt-1 inline-block rounded bg-purple-100 px-2 py-0.5 text-xs font-medium text-purple-900">
                    flow paused
                  </span>
                )}
                {f.heldByPausedTarget && (
                  <span className="mt-1 inline-block rounded bg-purple-100 px-2 py-0.5 text-xs font-medium text-purple-900">
                    {f.target} paused
                  </span>
                )}
              </th>
              <td className={num}>{formatCount(f.counts.received)}</td>
              <td className={num}>{formatCount(f.counts.completed)}</td>
              <td className={num}>{formatRate(f.successRate)}</td>
              <td className={`${num} ${f.counts.failed > 0 ? 'font-semibold text-red-800' : ''}`}>
                {formatCount(f.counts.failed)}
              </td>
              <td className={num}>
                {formatCount(f.backlog.total)}
                {f.retrying > 0 && (
                  <span className="block text-xs text-slate-600">{f.retrying} retrying</span>
                )}
              </td>
              <td className={num}>
                {f.backlog.oldestPendingAgeSeconds === null
                  ? '—'
                  : formatAge(f.backlog.oldestPendingAgeSeconds)}
              </td>
              <td className={num}>{formatMs(f.latency.p50Ms)}</td>
              <td className={num}>{formatMs(f.latency.p95Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
