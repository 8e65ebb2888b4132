// An issue's history, newest first: who changed what, and comments with their author.
import { Time } from '@/components/time/time';
import type { IssueDetail } from '@/lib/issues/issues.presenter';

type Entry = IssueDetail['history'][number];

function words(e: Entry, nameOf: (id: unknown) => string): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  switch (e.kind) {
    case 'created':
      return 'Created by the first failures of this group';
    case 'reopened':
      return e.body ?? 'Reopened: failures returned';
    case 'state_changed':
      return `${e.fromState ?? '?'} → ${e.toState ?? '?'}${e.body ? `: ${e.body}` : ''}`;
    case 'assigned':
      return data.to ? `Assigned to ${nameOf(data.to)}` : 'Owner removed';
    case 'snoozed':
      return typeof data.to === 'string' ? 'Snoozed' : 'Snooze ended';
    case 'tagged':
      return `Tags: ${Array.isArray(data.to) && data.to.length ? data.to.join(', ') : 'none'}`;
    case 'commented':
      return 'Commented';
    default:
      return e.kind;
  }
}

export function IssueHistory({
  history,
  members,
}: {
  history: IssueDetail['history'];
  members: IssueDetail['members'];
}) {
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const nameOf = (id: unknown) =>
    typeof id === 'string' ? (names.get(id) ?? 'a former member') : '?';
  if (history.length === 0) return <p className="text-sm text-slate-600">Nothing yet.</p>;
  return (
    <ol className="space-y-2" aria-label="Issue history" data-testid="issue-history">
      {history.map((e) => (
        <li key={e.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
          <p>
            <span className="font-medium">{words(e, nameOf)}</span>
            {e.kind === 'snoozed' &&
              typeof (e.data as { to?: unknown } | null)?.to === 'string' && (
                <>
                  {' until '}
                  <Time value={(e.data as { to: string }).to} />
                </>
              )}
          </p>
          {e.kind === 'commented' && e.body && (
            <p className="mt-1 whitespace-pre-wrap text-slate-800">{e.body}</p>
          )}
          <p className="mt-1 text-xs text-slate-600">
            {e.actorLabel} · <Time value={e.occurredAt} />
          </p>
        </li>
      ))}
    </ol>
  );
}
