import type { Metadata } from 'next';
import { z } from 'zod';
import { requirePage } from '@/lib/auth/session';
import { listErrorGroups } from '@/lib/ledger/error-groups.presenter';
import { serverContext } from '@/lib/server/context';
import { listOpenSlaBreaches } from '@/lib/sla/sla-breaches.presenter';
import { ErrorGroupCard } from './_components/error-group-card';
import { ReplayTracker } from './_components/replay-tracker';
import { SlaBreachGroupCard } from './_components/sla-breach-group-card';
import { WINDOWS, WindowNav, type WindowKey } from './_components/window-nav';
import { actorCan } from '@/lib/base/actor';
import { issueFilterSchema } from '@/lib/issues/issue-filter';
import { listIssueMembers, listIssues } from '@/lib/issues/issues.presenter';
import { IssueList } from './_components/issue-list';

export const metadata: Metadata = { title: 'Error queues' };

const query = z.object({
  window: z
    .enum(Object.keys(WINDOWS) as [WindowKey, ...WindowKey[]])
    .catch('all')
    .default('all'),
});

export default async function ErrorQueuesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('transactions.read');
  const raw = await searchParams;
  const { window: windowKey } = query.parse(raw);
  const issueFilter = issueFilterSchema.parse(raw);
  const span = WINDOWS[windowKey].ms;
  const from = span === null ? undefined : new Date(Date.now() - span);
  const { readDb } = serverContext();
  // Open SLA breaches are shown whatever the window: they are current, not history.
  const { db } = serverContext();
  // Issues through db, not the replica: an issue page's change shows here at once.
  const [screen, breaches, issues, members] = await Promise.all([
    listErrorGroups(readDb, actor.tenantId, {
      window: { from },
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
    }),
    listOpenSlaBreaches(readDb, actor.tenantId),
    listIssues(db, actor.tenantId, issueFilter),
    listIssueMembers(db, actor.tenantId),
  ]);
  const canReplay = actorCan(actor, 'transactions.replay');
  const canResolve = actorCan(actor, 'transactions.resolve');
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Error queues</h1>
        <p className="text-sm text-slate-600">
          Transactions waiting for a person — failed after their retries, or sent to review —
          grouped by flow and error class. Times are when a transaction last changed.
        </p>
      </div>
      <IssueList list={issues} filter={issueFilter} members={members} window={windowKey} />
      <WindowNav current={windowKey} />
      {screen.groups.length > 0 && (
        <p className="text-sm text-slate-700" data-testid="error-queues-summary">
          {`${screen.total} open ${screen.total === 1 ? 'failure' : 'failures'} in ${screen.groups.length} ${screen.groups.length === 1 ? 'group' : 'groups'}.`}
        </p>
      )}
      {breaches.groups.length > 0 && (
        <ul className="space-y-3" aria-label="Orders past their SLA">
          {breaches.groups.map((g) => (
            <SlaBreachGroupCard key={g.key} group={g} />
          ))}
        </ul>
      )}
      <ReplayTracker>
        {screen.groups.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
            No open failures. Everything that failed has been replayed or resolved.
          </p>
        ) : (
          <ul className="space-y-3" aria-label="Error groups">
            {screen.groups.map((g) => (
              <ErrorGroupCard
                key={g.key}
                group={g}
                windowFrom={from?.toISOString()}
                canReplay={canReplay}
                canResolve={canResolve}
              />
            ))}
          </ul>
        )}
      </ReplayTracker>
    </div>
  );
}
