import { Time } from '@/components/time/time';
import { ListTable, LIST_ROW_CLASS } from '@/components/ui/list-table';
import type { TrailEntry } from '@/lib/recovery/recovery.presenter';

const WORDS: Record<string, string> = {
  'recovery.started': 'Started the recovery',
  'recovery.fix_confirmed': 'Confirmed the fix',
  'recovery.previewed': 'Previewed the drain',
  'recovery.drain_started': 'Started the drain',
  'recovery.reconcile_started': 'Started reconciling the outage window',
  'recovery.completed': 'Completed the recovery',
  'recovery.abandoned': 'Abandoned the recovery',
};

const td = 'px-3 py-2 align-top';

/** What each step recorded in the audit log, in order. */
function factsOf(after: unknown): string {
  if (!after || typeof after !== 'object') return '';
  const a = after as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof a.held === 'number') parts.push(`${a.held} held`);
  if (typeof a.failed === 'number') parts.push(`${a.failed} failed`);
  if (typeof a.changes === 'number')
    parts.push(`${a.changes} configuration change${a.changes === 1 ? '' : 's'}`);
  if (typeof a.ratePerSecond === 'number') parts.push(`at ${a.ratePerSecond}/s`);
  if (typeof a.runs === 'number') parts.push(`${a.runs} run${a.runs === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export function RecoveryTrail({ entries }: { entries: TrailEntry[] }) {
  return (
    <section aria-labelledby="trail-heading" className="space-y-2">
      <h2 id="trail-heading" className="text-lg font-semibold">
        Audit trail
      </h2>
      <ListTable caption="Audit trail" columns={['When', 'Who', 'What', 'Details']} actions={false}>
        {entries.map((e) => (
          <tr
            key={e.seq}
            className={LIST_ROW_CLASS}
            data-testid="recovery-trail-entry"
            data-action={e.action}
          >
            <td className={td}>
              <Time value={e.createdAt} />
            </td>
            <td className={td}>{e.actorLabel}</td>
            <td className={td}>{WORDS[e.action] ?? e.action}</td>
            <td className={td}>
              {factsOf(e.after)}
              {e.reason && <span className="block text-slate-700">“{e.reason}”</span>}
            </td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}
