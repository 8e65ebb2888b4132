import Link from '@/components/ui/link';
import { PauseNote } from '@/components/pause/pause-note';
import { Time } from '@/components/time/time';
import type { ConnectionHealthRow } from '@/lib/engine/connection-health.presenter';
import { Backlog, StateBadge } from './health-bits';
import { StartRecoveryButton } from '../../recoveries/_components/start-recovery-button';
import { PauseToggle } from './pause-toggle';

const VERDICT: Record<ConnectionHealthRow['verdict'], string> = {
  paused: 'Paused',
  circuit_open: 'Circuit open',
  probing: 'Probing',
  failing: 'Failing',
  healthy: 'Healthy',
  idle: 'No calls yet',
};

const th = 'px-3 py-2 font-medium';
const td = 'px-3 py-2 align-top';

export function ConnectionsTable({
  rows,
  asOf,
  canPause,
  canConfigure = false,
}: {
  rows: ConnectionHealthRow[];
  asOf: string;
  canPause: boolean;
  /** admins get a Configure link per connection */
  canConfigure?: boolean;
}) {
  return (
    <table aria-labelledby="connections-heading" className="w-full text-left text-sm">
      <thead className="border-b border-slate-300 text-slate-600">
        <tr>
          <th scope="col" className={th}>
            Connection
          </th>
          <th scope="col" className={th}>
            Status
          </th>
          <th scope="col" className={th}>
            Circuit
          </th>
          <th scope="col" className={th}>
            Last success
          </th>
          <th scope="col" className={th}>
            Last failure
          </th>
          <th scope="col" className={th}>
            Limits
          </th>
          <th scope="col" className={th}>
            Backlog
          </th>
          {(canPause || canConfigure) && (
            <th scope="col" className={th}>
              Actions
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr
            key={c.id}
            data-testid="connection-row"
            className="border-b border-slate-100 bg-white"
          >
            <th scope="row" className={`${td} font-medium`}>
              {c.name}
              <span className="block text-xs font-normal text-slate-500">{c.provider}</span>
            </th>
            <td className={td} data-testid="connection-status">
              <StateBadge value={c.status} />
              {c.pause ? (
                <PauseNote pause={c.pause} asOf={asOf} />
              ) : (
                <span className="mt-1 block text-xs text-slate-600">{VERDICT[c.verdict]}</span>
              )}
            </td>
            <td className={td}>
              <StateBadge value={c.circuit.state} />
              {c.circuit.since && (
                <span className="mt-1 block text-xs text-slate-600">
                  since <Time value={c.circuit.since} /> (
                  <Time value={c.circuit.since} relative asOf={asOf} />)
                </span>
              )}
            </td>
            <td className={td}>
              {c.lastSuccessAt ? <Time value={c.lastSuccessAt} relative asOf={asOf} /> : 'never'}
            </td>
            <td className={td}>
              {c.lastFailureAt ? <Time value={c.lastFailureAt} relative asOf={asOf} /> : 'never'}
              {c.lastError && (
                // Failures before a call (e.g. a mapping error) record an error but no call time.
                <span className="mt-1 block max-w-xs text-xs break-words text-red-800">
                  Last error: {c.lastError}
                </span>
              )}
            </td>
            <td className={td}>
              {c.rateLimitPerSecond ? `${c.rateLimitPerSecond}/s` : 'no rate limit'}
              <span className="block text-xs text-slate-600">
                {c.maxConcurrency ? `${c.maxConcurrency} at once` : 'no concurrency limit'}
              </span>
            </td>
            <td className={td} data-testid="connection-backlog">
              <Backlog backlog={c.backlog} />
            </td>
            {(canPause || canConfigure) && (
              <td className={`${td} space-y-2`}>
                {canPause && (
                  <PauseToggle
                    kind="connection"
                    id={c.id}
                    name={c.name}
                    paused={c.status === 'paused'}
                  />
                )}
                {canPause && (c.status === 'paused' || c.circuit.state !== 'closed') && (
                  <StartRecoveryButton connectionId={c.id} name={c.name} />
                )}
                {canConfigure && (
                  <Link href={`/connections/${c.id}`} className="block text-sm underline">
                    Configure<span className="sr-only"> {c.name}</span>
                  </Link>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
