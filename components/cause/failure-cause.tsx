import type { FailureCause } from '@/lib/ledger/failure-cause';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function tallyWords(cause: FailureCause): string | null {
  const parts: string[] = [];
  if (cause.totalAttempts > 0)
    parts.push(
      `${cause.attempts} of ${plural(cause.totalAttempts, 'failed attempt', 'failed attempts')}`,
    );
  if (cause.waits > 0) parts.push(plural(cause.waits, 'wait', 'waits'));
  return parts.length ? parts.join(' · ') : null;
}

/**
 * The cause that explains a failure (the class dominating the attempts), what the target said,
 * the step a dependency waits for and what that step's target said, the last attempt's error
 * beside it when it differs, and the advice that follows from the cause.
 */
export function FailureCauseView({
  cause,
  scope = 'attempts',
}: {
  cause: FailureCause;
  /** "across the 20 newest transactions" for a group */
  scope?: string;
}) {
  const tally = tallyWords(cause);
  const dep = cause.dependency;
  return (
    <div data-testid="failure-cause" data-cause={cause.errorClass} className="space-y-1 text-sm">
      <p>
        <span className="font-medium">Cause: </span>
        <span data-testid="failure-cause-label" className="font-medium">
          {cause.label} ({cause.errorClass})
        </span>
        {tally && (
          <span className="text-slate-700">
            {' '}
            — {tally}
            {scope !== 'attempts' && ` ${scope}`}
          </span>
        )}
        {cause.said && (
          <>
            : <q className="break-words">{cause.said}</q>
            {cause.httpStatus !== null && ` (HTTP ${cause.httpStatus})`}
          </>
        )}
      </p>
      {dep && (
        <p data-testid="failure-cause-dependency">
          <span className="font-medium">Waits for: </span>
          {dep.step} ({dep.target}) —{' '}
          {dep.status ? dep.status.replace(/_/g, ' ') : 'not started for this order'}
          {dep.said && (
            <>
              ; {dep.target} said <q className="break-words">{dep.said}</q>
            </>
          )}
        </p>
      )}
      {cause.last && (
        <p data-testid="failure-cause-last" className="text-slate-800">
          <span className="font-medium">Last attempt: </span>
          {cause.last.label} ({cause.last.errorClass ?? 'unclassified'})
          {cause.last.message && (
            <>
              : <q className="break-words">{cause.last.message}</q>
            </>
          )}
        </p>
      )}
      <p data-testid="failure-cause-advice">
        {cause.meaning} <strong>What to do:</strong> {cause.action}
      </p>
    </div>
  );
}
