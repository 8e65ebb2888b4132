import { Time } from '@/components/time/time';
import type { ReconcilableFlow } from '@/lib/reconciliation/reconcilable-flows';
import { ScheduleForm } from './schedule-form';

/**
 * When each flow is checked. Every scheduled run covers the previous UTC day; the pattern only
 * chooses the time (e.g. after the ERP's night batch). A check of today is a forced run.
 */
export function SchedulesTable({ flows }: { flows: ReconcilableFlow[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Reconciliation schedule per flow</caption>
      <thead className="border-b border-slate-300 text-xs text-slate-600 uppercase">
        <tr>
          <th scope="col" className="py-2 pr-3">
            Flow
          </th>
          <th scope="col" className="py-2 pr-3">
            Next scheduled runs
          </th>
          <th scope="col" className="py-2 pr-3">
            Schedule
          </th>
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => (
          <tr key={flow.id} className="border-b border-slate-100 align-top">
            <th scope="row" className="py-2 pr-3 font-medium">
              {flow.name}
              {!flow.active && (
                <span className="ml-2 rounded bg-purple-100 px-1.5 text-xs text-purple-900">
                  paused: not checked
                </span>
              )}
            </th>
            <td className="py-2 pr-3 text-xs">
              {flow.schedule.scheduled
                ? flow.schedule.next.map((iso, i) => (
                    <span key={iso}>
                      {i > 0 && ' · '}
                      <Time value={iso} precision="minute" />
                    </span>
                  ))
                : 'off'}
            </td>
            <td className="py-2 pr-3">
              <ScheduleForm flow={flow} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
