// Stored issues on the Error queues screen: a filter by state, owner and snooze that lives in the
// URL (a plain GET form, so it works without JavaScript and a link keeps it), and the issues
// matching it, each linking to its page.
import Link from '@/components/ui/link';
import { Time } from '@/components/time/time';
import type { IssueFilter } from '@/lib/issues/issue-filter';
import type { IssueList as IssueListData } from '@/lib/issues/issues.presenter';

const STATE_OPTIONS = [
  ['active', 'Open or acknowledged'],
  ['open', 'Open'],
  ['acknowledged', 'Acknowledged'],
  ['resolved', 'Resolved'],
  ['ignored', 'Ignored'],
  ['all', 'Any state'],
] as const;

const SELECT = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm';

export function IssueList({
  list,
  filter,
  members,
  window,
}: {
  list: IssueListData;
  filter: IssueFilter;
  members: { userId: string; name: string }[];
  /** the page's window, kept when the filter is applied */
  window: string;
}) {
  return (
    <section aria-labelledby="issues-heading" className="space-y-3">
      <h2 id="issues-heading" className="text-lg font-semibold">
        Issues
      </h2>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter issues">
        {window !== 'all' && <input type="hidden" name="window" value={window} />}
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="issue-state" className="font-medium">
            State
          </label>
          <select id="issue-state" name="state" defaultValue={filter.state} className={SELECT}>
            {STATE_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="issue-owner" className="font-medium">
            Owner
          </label>
          <select
            id="issue-owner"
            name="owner"
            defaultValue={filter.owner ?? ''}
            className={SELECT}
          >
            <option value="">Anyone</option>
            <option value="none">Nobody</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="snoozed"
            value="show"
            defaultChecked={filter.snoozed === 'show'}
          />
          Show snoozed
        </label>
        <button
          type="submit"
          className="rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50"
        >
          Apply
        </button>
      </form>
      {list.issues.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
          No issues match this filter.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded border border-slate-200 bg-white"
          aria-label="Issues"
        >
          {list.issues.map((i) => (
            <li key={i.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-3 text-sm">
              <Link href={`/errors/issues/${i.id}`} className="font-medium text-blue-800 underline">
                {i.title}
              </Link>
              <span className="capitalize">{i.state}</span>
              <span>{i.failureCount === 1 ? '1 failure' : `${i.failureCount} failures`}</span>
              <span>
                last <Time value={i.lastSeenAt} relative asOf={list.asOf} />
              </span>
              <span>{i.owner ? `Owner: ${i.owner.name}` : 'No owner'}</span>
              {i.snoozed && (
                <span>
                  snoozed until <Time value={i.snoozedUntil} />
                </span>
              )}
              {i.tags.length > 0 && <span className="text-slate-600">{i.tags.join(', ')}</span>}
            </li>
          ))}
        </ul>
      )}
      {list.snoozedHidden > 0 && (
        <p className="text-sm text-slate-600">
          {list.snoozedHidden === 1
            ? '1 snoozed issue is hidden.'
            : `${list.snoozedHidden} snoozed issues are hidden.`}
        </p>
      )}
      {list.truncated && (
        <p className="text-sm text-slate-600">More issues match: narrow the filter.</p>
      )}
    </section>
  );
}
