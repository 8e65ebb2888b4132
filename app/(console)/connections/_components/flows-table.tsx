import { PauseNote } from '@/components/pause/pause-note';
import type { FlowHealthRow } from '@/lib/engine/connection-health.presenter';
import { Backlog, StateBadge } from './health-bits';
import { PauseToggle } from './pause-toggle';

const th = 'px-3 py-2 font-medium';
const td = 'px-3 py-2 align-top';

export function FlowsTable({ rows, canPause }: { rows: FlowHealthRow[]; canPause: boolean }) {
  return (
    <div className="overflow-x-auto">
      {/* scrolls by itself on a narrow screen instead of widening the page */}
      <table aria-labelledby="flows-table-heading" className="w-full text-left text-sm">
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              Flow
            </th>
            <th scope="col" className={th}>
              Route
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Backlog
            </th>
            {canPause && (
              <th scope="col" className={th}>
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id} data-testid="flow-row" className="border-b border-slate-100 bg-white">
              <th scope="row" className={`${td} font-medium`}>
                {f.name}
              </th>
              <td className={td}>
                {f.source} <span aria-hidden="true">→</span>
                <span className="sr-only">to</span> {f.target}
                <span className="block text-xs text-slate-600">
                  {f.eventType} → {f.operation}
                </span>
              </td>
              <td className={td}>
                <StateBadge value={f.status} />
                {f.pause && <PauseNote pause={f.pause} />}
                {f.heldByPausedTarget && (
                  <span className="mt-1 block text-xs text-purple-900">
                    held: {f.target} is paused
                  </span>
                )}
              </td>
              <td className={td}>
                <Backlog backlog={f.backlog} />
              </td>
              {canPause && (
                <td className={td}>
                  <PauseToggle kind="flow" id={f.id} name={f.name} paused={f.status === 'paused'} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
