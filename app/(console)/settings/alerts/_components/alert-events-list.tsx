import type { AlertEventRow } from '@/lib/alerts/alert-rules.presenter';

export interface AlertEventView extends AlertEventRow {
  when: string;
}

const STATE_CLASS: Record<AlertEventRow['state'], string> = {
  delivered: 'bg-green-100 text-green-900',
  failed: 'bg-red-100 text-red-900',
  pending: 'bg-slate-200 text-slate-800',
};

/** The recent alerts, newest first: what was said, how often, and whether it arrived. */
export function AlertEventsList({ events }: { events: AlertEventView[] }) {
  return (
    <ul className="space-y-2">
      {events.map((e) => (
        <li key={e.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
          <div className="flex flex-wrap items-baseline gap-2">
            <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_CLASS[e.state]}`}>
              {e.state}
            </span>
            <span className="font-medium">{e.ruleName}</span>
            <span className="text-slate-600">{e.when}</span>
            {e.occurrences > 1 && (
              <span className="text-slate-600">· {e.occurrences} occurrences</span>
            )}
            {e.resolvedAt && (
              <span className="text-slate-600">
                · resolved{e.resolveState ? ` (message ${e.resolveState})` : ''}
              </span>
            )}
          </div>
          <p className="mt-1">{e.reason}</p>
          {e.errorClass && <p className="text-xs text-slate-600">class: {e.errorClass}</p>}
          {e.state === 'failed' && e.deliveryError && (
            <p className="text-xs text-red-800">Not delivered: {e.deliveryError}</p>
          )}
          {e.resolveState === 'failed' && e.resolveDeliveryError && (
            <p className="text-xs text-red-800">Resolve not delivered: {e.resolveDeliveryError}</p>
          )}
          {e.retryAt && (
            <p className="text-xs text-slate-600">
              {e.deliveryAttempts} failed attempt(s); next try at {e.retryAt}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
