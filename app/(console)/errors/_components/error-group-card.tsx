import Link from '@/components/ui/link';
import { FailureCauseView } from '@/components/cause/failure-cause';
import { Time } from '@/components/time/time';
import type { ErrorGroup } from '@/lib/ledger/error-groups.presenter';
import { DEFAULT_LIMIT, transactionFilterParams } from '@/lib/ledger/transaction-filter';
import { groupWords } from '@/lib/ledger/error-group-words';
import { GroupDecision } from './group-decision';
import { GroupReplay, type GroupScope } from './group-replay';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function statusWords(g: ErrorGroup): string {
  if (g.failed > 0 && g.needsReview > 0) return 'failed or in review';
  return g.failed > 0 ? 'failed' : 'in review';
}

/**
 * The group's open transactions on the Transactions screen, written by that screen's own URL
 * writer. Its time window is on received time, not last change, so the screen's window is not
 * carried over: the link shows every open transaction of the group.
 */
export function drillDownHref(g: ErrorGroup): string {
  const pairs = transactionFilterParams({
    statuses: ['failed', 'needs_review'],
    flowId: g.flowId,
    ...(g.errorClass && { errorClass: g.errorClass }),
    sort: 'newest',
    limit: DEFAULT_LIMIT,
  });
  return `/transactions?${new URLSearchParams(pairs).toString()}`;
}

/** The group as shown: its flow, class, both statuses, and a window ending just after last seen. */
function scopeOf(g: ErrorGroup, errorClass: string, windowFrom?: string): GroupScope {
  const fields: [string, string][] = [
    ['flowId', g.flowId],
    ['errorClass', errorClass],
    ['statuses', 'failed'],
    ['statuses', 'needs_review'],
    ['to', new Date(Date.parse(g.lastSeen) + 1).toISOString()],
  ];
  if (windowFrom) fields.push(['from', windowFrom]);
  return {
    label: `${g.flowName} · ${errorClass}`,
    fields,
    statusWords: statusWords(g),
    firstSeen: g.firstSeen,
    lastSeen: g.lastSeen,
  };
}

export function ErrorGroupCard({
  group: g,
  windowFrom,
  canReplay,
  canResolve,
}: {
  group: ErrorGroup;
  windowFrom?: string;
  canReplay: boolean;
  canResolve: boolean;
}) {
  const words = groupWords(g.errorClass);
  const headingId = `group-${g.key.replace(/[^a-z0-9-]/gi, '-')}`;
  const counts = [
    g.failed > 0 ? `${g.failed} failed` : null,
    g.needsReview > 0 ? `${g.needsReview} in review` : null,
  ].filter(Boolean);
  return (
    <li
      data-testid="error-group"
      data-flow={g.flowName}
      data-class={g.errorClass ?? 'unclassified'}
      className="rounded border border-slate-200 bg-white p-4"
    >
      <article aria-labelledby={headingId} className="space-y-2">
        <h2 id={headingId} className="text-base font-semibold">
          {g.flowName} <span className="font-normal text-slate-700">to {g.targetName}</span> ·{' '}
          <span className="font-mono text-sm">{g.errorClass ?? 'unclassified'}</span>
        </h2>
        <p className="text-sm" data-testid="error-group-counts">
          <span className="font-semibold text-red-800">{counts.join(' · ')}</span>
          {' · '}
          {words.label} · first <Time value={g.firstSeen} /> · last <Time value={g.lastSeen} />
        </p>
        {g.sample && (
          <p className="text-sm text-slate-800">
            <span className="text-slate-600">Latest error: </span>
            <q className="font-mono text-xs break-words">{g.sample}</q>
            {g.sampleTransactionId && (
              <>
                {' '}
                <Link
                  href={`/transactions/${g.sampleTransactionId}`}
                  className="text-blue-800 underline"
                >
                  open it
                  <span className="sr-only">
                    {' '}
                    (latest of {g.flowName} · {words.label})
                  </span>
                </Link>
              </>
            )}
          </p>
        )}
        {g.cause ? (
          <FailureCauseView
            cause={g.cause}
            scope={`across the ${g.causeSampled === 1 ? 'newest transaction' : `${g.causeSampled} newest transactions`}`}
          />
        ) : (
          <p className="text-sm text-slate-700">
            {words.meaning} {words.nextStep}
          </p>
        )}
        <div className="flex flex-wrap items-start gap-3 pt-1">
          <Link
            href={drillDownHref(g)}
            className="rounded px-1 py-1.5 text-sm font-medium text-blue-800 underline"
          >
            {windowFrom
              ? 'Show all open transactions of this group'
              : `Show the ${plural(g.total, 'transaction', 'transactions')}`}
            <span className="sr-only">
              {' '}
              of {g.flowName} · {words.label}
            </span>
          </Link>
          {g.errorClass && canReplay && (
            <GroupReplay scope={scopeOf(g, g.errorClass, windowFrom)} />
          )}
          {g.errorClass && canResolve && (
            <GroupDecision scope={scopeOf(g, g.errorClass, windowFrom)} />
          )}
        </div>
        {!g.errorClass && (canReplay || canResolve) && (
          <p className="text-xs text-slate-600">
            Without a class these cannot be acted on as a group: open them and act one by one.
          </p>
        )}
      </article>
    </li>
  );
}
