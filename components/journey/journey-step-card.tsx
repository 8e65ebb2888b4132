import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { Time } from '@/components/time/time';
import { TimeText } from '@/components/time/time-text';
import { FailureCauseView } from '@/components/cause/failure-cause';
import { HeldBanner } from '@/components/pause/held-banner';
import { ShownStatus } from '@/components/pause/paused-badge';
import type { FailureCause } from '@/lib/ledger/failure-cause';
import type { HeldBy } from '@/lib/ledger/held-by-pause';

/** One transaction of an order's journey (built by lib/ledger/order-journey.presenter). */
export interface JourneyStepView {
  id: string;
  flow: { name: string; operation: string };
  source: string;
  target: string;
  status: string;
  errorClass: string | null;
  errorHelp: { label: string; meaning: string; action: string } | null;
  lastError: string | null;
  /** the cause that explains the failure (dominant class across attempts) */
  cause?: FailureCause | null;
  /** the pause holding this step back */
  heldBy?: HeldBy | null;
  attempts: number;
  externalRefs: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  nextAttemptAt: string | null;
  lastStep: { type: string; summary: string; occurredAt: string } | null;
}

/** A card per transaction: status, systems, last step, error in words; `actions` for buttons. */
export function JourneyStepCard({ step, actions }: { step: JourneyStepView; actions?: ReactNode }) {
  const headingId = `step-${step.id}`;
  const refs = Object.entries(step.externalRefs);
  return (
    <li
      aria-labelledby={headingId}
      data-testid="journey-step"
      data-status={step.status}
      data-held={step.heldBy ? 'paused' : undefined}
      className="rounded border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h3 id={headingId} className="font-semibold">
          {step.target} · {step.flow.name}
        </h3>
        <span data-testid="journey-step-status">
          <ShownStatus status={step.status} heldBy={step.heldBy ?? null} />
        </span>
        <div className="ml-auto flex items-center gap-2">{actions}</div>
      </div>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">From → to</dt>
        <dd>
          {step.source} → {step.target} ({step.flow.operation}) · {attempts(step.attempts)}
        </dd>
        <dt className="text-slate-600">Last step</dt>
        <dd data-testid="journey-last-step">
          {step.lastStep ? (
            <>
              <span className="font-mono text-xs">{step.lastStep.type}</span> —{' '}
              <TimeText text={step.lastStep.summary} /> · <Time value={step.lastStep.occurredAt} />
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt className="text-slate-600">Started</dt>
        <dd>
          <Time value={step.createdAt} />
          {step.completedAt && (
            <>
              {' · completed '}
              <Time value={step.completedAt} />
            </>
          )}
          {step.nextAttemptAt && (
            <>
              {' · next attempt '}
              <Time value={step.nextAttemptAt} />
            </>
          )}
        </dd>
        {refs.length > 0 && (
          <>
            <dt className="text-slate-600">References</dt>
            <dd className="font-mono text-xs">
              {refs.map(([system, ref]) => `${system}: ${ref}`).join(', ')}
            </dd>
          </>
        )}
      </dl>
      {step.heldBy && <HeldBanner heldBy={step.heldBy} storedStatus={step.status} />}
      {step.errorClass && (
        <div
          data-testid="journey-step-error"
          className="mt-3 space-y-1 rounded bg-red-50 p-2 text-sm text-red-900"
        >
          {step.cause && <FailureCauseView cause={step.cause} />}
          <p>
            <span className="font-medium">
              {step.cause ? 'Last error: ' : ''}
              {step.errorHelp?.label ?? step.errorClass} ({step.errorClass})
            </span>
            {step.lastError && `: ${step.lastError}`}
          </p>
          {!step.cause && step.errorHelp && (
            <p className="mt-1">
              {step.errorHelp.meaning} {step.errorHelp.action}
            </p>
          )}
        </div>
      )}
      <Link
        href={`/transactions/${step.id}`}
        className="mt-3 inline-block text-sm text-blue-700 underline"
      >
        Open transaction
        <span className="sr-only">
          {' '}
          {step.target} · {step.flow.name}
        </span>
      </Link>
    </li>
  );
}

const attempts = (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`);
