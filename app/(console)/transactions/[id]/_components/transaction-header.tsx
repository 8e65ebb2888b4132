import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { Time as ZonedTime } from '@/components/time/time';
import { FailureCauseView } from '@/components/cause/failure-cause';
import { HeldBanner } from '@/components/pause/held-banner';
import { ShownStatus } from '@/components/pause/paused-badge';
import type { TransactionDetail } from '@/lib/ledger/transaction-detail.presenter';

/** Who, what, where and how it stands: what support reads in the first ten seconds. */
export function TransactionHeader({ detail }: { detail: TransactionDetail }) {
  const refs = Object.entries(detail.externalRefs);
  return (
    <header className="mt-2 rounded border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="transaction-heading" className="text-xl font-semibold">
          Order #{detail.businessKey} · {detail.flow.name}
        </h1>
        <span data-testid="transaction-status">
          <ShownStatus status={detail.status} heldBy={detail.heldBy} />
        </span>
      </div>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm md:grid-cols-[max-content_1fr_max-content_1fr]">
        <Field term="Business key">
          <Link
            href={`/orders/${encodeURIComponent(detail.businessKey)}`}
            className="text-blue-700 underline"
          >
            {detail.businessKey}
            <span className="sr-only"> (order journey)</span>
          </Link>
        </Field>
        <Field term="From → to">
          {detail.flow.source} → {detail.flow.target} ({detail.flow.operation})
        </Field>
        <Field term="Mapping version">{detail.mappingVersion ?? '—'}</Field>
        <Field term="Attempts">{detail.attempts}</Field>
        <Field term="Next attempt">
          {detail.nextAttemptAt ? <Time iso={detail.nextAttemptAt} /> : '—'}
        </Field>
        <Field term="Customer">{detail.customerEmail ?? '—'}</Field>
        <Field term="Created">
          <Time iso={detail.createdAt} />
        </Field>
        <Field term="Updated">
          <Time iso={detail.updatedAt} />
        </Field>
        <Field term="Completed">
          {detail.completedAt ? <Time iso={detail.completedAt} /> : '—'}
        </Field>
        <Field term="Idempotency key">
          <span className="inline-flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs break-all">{detail.idempotencyKey}</code>
            <CopyButton text={detail.idempotencyKey} />
          </span>
        </Field>
        <Field term="External references">
          {refs.length === 0 ? (
            <span data-testid="external-refs">—</span>
          ) : (
            <ul data-testid="external-refs" className="flex flex-wrap gap-2">
              {refs.map(([system, ref]) => (
                <li
                  key={system}
                  className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 py-0.5 pr-1 pl-2 text-xs"
                >
                  <span>
                    {system}: <span className="font-mono">{ref}</span>
                  </span>
                  <CopyButton text={ref} />
                </li>
              ))}
            </ul>
          )}
        </Field>
      </dl>
      {detail.heldBy && <HeldBanner heldBy={detail.heldBy} storedStatus={detail.status} />}
      {detail.lastError && <LastError detail={detail} />}
    </header>
  );
}

/**
 * The cause that explains the failure first (the class dominating the attempts, with the advice
 * that follows from it), then the last attempt's error as it was recorded.
 */
function LastError({ detail }: { detail: TransactionDetail }) {
  const cause = detail.cause;
  return (
    <div
      data-testid="last-error"
      className="mt-3 space-y-2 rounded bg-red-50 p-3 text-sm text-red-900"
    >
      {cause && <FailureCauseView cause={cause} />}
      <p>
        <span className="font-medium">Last error</span>
        {detail.errorClass && (
          <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium">
            {detail.errorHelp?.label ?? detail.errorClass} ({detail.errorClass})
          </span>
        )}
        : {detail.lastError}
      </p>
      {!cause && detail.errorHelp && (
        <p className="mt-1 text-slate-900">
          {detail.errorHelp.meaning} <strong>What to do:</strong> {detail.errorHelp.action}
        </p>
      )}
    </div>
  );
}

function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function Time({ iso }: { iso: string }) {
  return <ZonedTime value={iso} />;
}
