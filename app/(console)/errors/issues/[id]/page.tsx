import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { Time } from '@/components/time/time';
import { requirePage } from '@/lib/auth/session';
import { actorCan } from '@/lib/base/actor';
import { isAppError } from '@/lib/errors';
import { getIssue } from '@/lib/issues/issues.presenter';
import { bucketTrend } from '@/lib/issues/trend';
import { transactionFilterParams, DEFAULT_LIMIT } from '@/lib/ledger/transaction-filter';
import { serverContext } from '@/lib/server/context';
import {
  assignIssueAction,
  changeIssueStateAction,
  commentIssueAction,
  snoozeIssueAction,
  tagIssueAction,
} from '../actions';
import { IssueHistory } from './_components/issue-history';
import { CommentForm, OwnerForm, SnoozeForm, StateForm, TagsForm } from './_components/issue-forms';
import { IssueTrend } from './_components/issue-trend';

export const metadata: Metadata = { title: 'Issue' };

const STATE_WORDS = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  ignored: 'Ignored',
} as const;

export default async function IssuePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage('transactions.read');
  const { id } = await params;
  const { db } = serverContext();
  // db, not the replica: this page shows what its own actions just changed.
  const detail = await getIssue(db, actor.tenantId, id, {
    maskPersonalData: !actorCan(actor, 'personal_data.read'),
  }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const { issue } = detail;
  const canManage = actorCan(actor, 'transactions.resolve');
  const canComment = actorCan(actor, 'transactions.note');
  const now = new Date();
  const trend = bucketTrend(detail.trend, now, issue.firstSeenAt);
  const transactionsHref = `/transactions?${new URLSearchParams(
    transactionFilterParams({
      statuses: ['failed', 'needs_review'],
      flowId: issue.flowId,
      ...(issue.errorClass && { errorClass: issue.errorClass }),
      sort: 'newest',
      limit: DEFAULT_LIMIT,
    }),
  ).toString()}`;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/errors" className="text-blue-800 underline">
          Error queues
        </Link>
      </nav>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">{issue.title}</h1>
        <p className="text-sm text-slate-700">
          <span data-testid="issue-state" className="font-medium">
            {STATE_WORDS[issue.state]}
          </span>
          {' · '}
          {issue.failureCount === 1 ? '1 failure' : `${issue.failureCount} failures`}
          {issue.reopenedCount > 0 &&
            ` · reopened ${issue.reopenedCount === 1 ? 'once' : `${issue.reopenedCount} times`}`}
        </p>
      </header>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium">Flow</dt>
          <dd>
            <Link href={`/flows/${issue.flowId}`} className="text-blue-800 underline">
              {issue.flowName}
            </Link>
          </dd>
        </div>
        <div>
          <dt className="font-medium">Error class</dt>
          <dd>{issue.errorClassLabel}</dd>
        </div>
        <div>
          <dt className="font-medium">First seen</dt>
          <dd>
            <Time value={issue.firstSeenAt} />
          </dd>
        </div>
        <div>
          <dt className="font-medium">Last seen</dt>
          <dd>
            <Time value={issue.lastSeenAt} relative asOf={now} />
          </dd>
        </div>
        <div>
          <dt className="font-medium">Owner</dt>
          <dd data-testid="issue-owner">{issue.owner?.name ?? 'Nobody'}</dd>
        </div>
        <div>
          <dt className="font-medium">Snoozed</dt>
          <dd data-testid="issue-snooze">
            {issue.snoozed ? (
              <>
                until <Time value={issue.snoozedUntil} />
              </>
            ) : (
              'No'
            )}
          </dd>
        </div>
        <div>
          <dt className="font-medium">Tags</dt>
          <dd data-testid="issue-tags">{issue.tags.length ? issue.tags.join(', ') : 'None'}</dd>
        </div>
        <div>
          <dt className="font-medium">Transactions</dt>
          <dd>
            <Link href={transactionsHref} className="text-blue-800 underline">
              {detail.waitingTransactions === 1
                ? '1 transaction waiting for a person'
                : `${detail.waitingTransactions} transactions waiting for a person`}
            </Link>
          </dd>
        </div>
      </dl>
      <section aria-labelledby="trend-heading" className="space-y-2">
        <h2 id="trend-heading" className="text-lg font-semibold">
          Failures per {trend.unit} (UTC)
        </h2>
        <IssueTrend
          points={trend.points.map((p) => ({ label: p.label, count: p.count }))}
          summary={`Failures per ${trend.unit} of this issue`}
        />
      </section>
      {canManage && (
        <section aria-labelledby="actions-heading" className="space-y-4">
          <h2 id="actions-heading" className="text-lg font-semibold">
            Actions
          </h2>
          <StateForm issueId={issue.id} actions={detail.actions} action={changeIssueStateAction} />
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            <OwnerForm
              issueId={issue.id}
              ownerUserId={issue.owner?.userId ?? null}
              members={detail.members}
              action={assignIssueAction}
            />
            <SnoozeForm issueId={issue.id} snoozed={issue.snoozed} action={snoozeIssueAction} />
            <TagsForm issueId={issue.id} tags={issue.tags} action={tagIssueAction} />
          </div>
        </section>
      )}
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        {canComment && <CommentForm issueId={issue.id} action={commentIssueAction} />}
        <IssueHistory history={detail.history} members={detail.members} />
      </section>
    </div>
  );
}
