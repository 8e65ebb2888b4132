import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { Time } from '@/components/time/time';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { requirePage } from '@/lib/auth/session';
import { actorCan } from '@/lib/base/actor';
import { recoveryView, type RecoveryView } from '@/lib/recovery/recovery.presenter';
import { STEP_TITLES, type StepKey, type StepStatus } from '@/lib/recovery/recovery-steps';
import { serverContext } from '@/lib/server/context';
import { RecoveryTrail } from './_components/recovery-trail';
import {
  AbandonForm,
  CompleteButton,
  ConfirmFixForm,
  DrainForm,
  PreviewButton,
  ReconcileButton,
} from './_components/step-forms';
import { WaitingTable } from './_components/waiting-table';

export const metadata: Metadata = { title: 'Guided recovery' };

const STATUS_WORDS: Record<StepStatus, string> = {
  done: 'Done',
  running: 'In progress',
  current: 'Next',
  todo: 'Later',
  closed: 'Not taken',
};
const STATUS_TONE: Record<StepStatus, string> = {
  done: 'bg-green-100 text-green-900',
  running: 'bg-blue-100 text-blue-900',
  current: 'bg-amber-100 text-amber-900',
  todo: 'bg-slate-100 text-slate-700',
  closed: 'bg-slate-200 text-slate-600',
};
const STATE_WORDS: Record<RecoveryView['state'], string> = {
  open: 'In progress',
  draining: 'Draining',
  reconciling: 'Reconciling the outage window',
  completed: 'Completed',
  abandoned: 'Abandoned',
};
const link = 'text-blue-800 underline';
/** "1 held transaction goes out on resume, 2 failed transactions by replay" */
const goesOut = (held: number, failed: number) =>
  `${plural(held, 'held transaction')} ${held === 1 ? 'goes' : 'go'} out on resume, ${plural(failed, 'failed transaction')} by replay`;
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export default async function RecoveryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage('transactions.read');
  const { id } = await params;
  // db, not the replica: the page shows what its own steps just changed
  const view = await recoveryView(serverContext().db, actor.tenantId, id).catch(() => null);
  if (!view) notFound();
  const can = {
    steps: actorCan(actor, 'connections.pause'),
    drain: actorCan(actor, 'transactions.replay'),
    reconcile: actorCan(actor, 'reconciliation.run'),
    configure: actorCan(actor, 'connections.manage'),
    mappings: actorCan(actor, 'mappings.read'),
  };
  const statusOf = (key: StepKey) => view.steps.find((s) => s.key === key)?.status ?? 'todo';
  const active = !['completed', 'abandoned'].includes(view.state);
  const moving =
    view.state === 'draining' ||
    view.reconcile.runs.some((r) => r.status === 'running') ||
    view.preview.preflight?.status === 'running';
  const { connection } = view;
  return (
    <div className="space-y-6">
      <AutoRefresh active={moving} everyMs={3000} />
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/connections" className={link}>
          Connections
        </Link>
      </nav>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">Guided recovery of {connection.name}</h1>
        <p className="text-sm text-slate-700">
          <span data-testid="recovery-state" className="font-medium">
            {STATE_WORDS[view.state]}
          </span>
          {' · '}
          {view.cause === 'paused' ? 'the connection was paused' : 'its circuit opened'}
          {view.causeDetail && <>: {view.causeDetail}</>}
        </p>
        <p className="text-sm text-slate-700">
          Outage from <Time value={view.outageFrom} />
          {view.outageTo && (
            <>
              {' '}
              to <Time value={view.outageTo} />
            </>
          )}{' '}
          · started by {view.startedBy} <Time value={view.startedAt} />
          {view.finishedAt && (
            <>
              {' '}
              · {view.state} by {view.finishedBy} <Time value={view.finishedAt} />
            </>
          )}
        </p>
      </header>

      <ol className="space-y-4">
        <Step n={1} stepKey="waiting" status={statusOf('waiting')}>
          <p className="text-sm" data-testid="recovery-waiting-total">
            {plural(view.waiting.held, 'held transaction')} ·{' '}
            {plural(view.waiting.failed, 'failed transaction')} since the outage began (
            {view.waiting.atStart.toLocaleString('en')} when the recovery started)
          </p>
          <WaitingTable flows={view.waiting.flows} />
        </Step>

        <Step n={2} stepKey="fix" status={statusOf('fix')}>
          <p className="text-sm text-slate-700">
            Fix what stopped the connection where it is configured:{' '}
            {can.configure ? (
              <Link href={`/connections/${connection.id}`} className={link}>
                credentials and settings of {connection.name}
              </Link>
            ) : (
              `credentials and settings of ${connection.name} (an admin changes them)`
            )}
            {view.fix.flows.length > 0 && can.mappings && (
              <>
                ; the mapping of{' '}
                {view.fix.flows.map((f, i) => (
                  <span key={f.id}>
                    {i > 0 && ', '}
                    <Link href={`/flows/${f.id}`} className={link}>
                      {f.name}
                    </Link>
                  </span>
                ))}
              </>
            )}
            .
          </p>
          <ChangesList changes={view.fix.changes} />
          {view.fix.confirmedAt ? (
            <p className="text-sm" data-testid="recovery-fix-confirmed">
              Confirmed <Time value={view.fix.confirmedAt} />
              {view.fix.note && <> — {view.fix.note}</>}
            </p>
          ) : (
            active && can.steps && <ConfirmFixForm recoveryId={view.id} />
          )}
        </Step>

        <Step n={3} stepKey="preview" status={statusOf('preview')}>
          <PreviewFacts view={view} />
          {view.state === 'open' && view.fix.confirmedAt && can.steps && (
            <PreviewButton recoveryId={view.id} again={view.preview.at !== null} />
          )}
        </Step>

        <Step n={4} stepKey="drain" status={statusOf('drain')}>
          <DrainFacts view={view} />
          {view.state === 'open' && view.preview.at && can.drain && (
            <DrainForm
              recoveryId={view.id}
              suggestedRate={Math.min(connection.rateLimitPerSecond ?? 5, 5)}
              connectionLimit={connection.rateLimitPerSecond}
            />
          )}
        </Step>

        <Step n={5} stepKey="reconcile" status={statusOf('reconcile')}>
          <ReconcileFacts view={view} />
          {view.state === 'draining' &&
            (can.reconcile ? (
              <ReconcileButton recoveryId={view.id} />
            ) : (
              <p className="text-sm text-slate-700">A finance or admin member starts this step.</p>
            ))}
        </Step>
      </ol>

      {active && can.steps && (
        <section aria-labelledby="finish-heading" className="space-y-3">
          <h2 id="finish-heading" className="text-lg font-semibold">
            Finish
          </h2>
          {view.state === 'reconciling' && <CompleteButton recoveryId={view.id} />}
          <AbandonForm recoveryId={view.id} />
        </section>
      )}

      <RecoveryTrail entries={view.trail} />
    </div>
  );
}

function Step({
  n,
  stepKey,
  status,
  children,
}: {
  n: number;
  stepKey: StepKey;
  status: StepStatus;
  children: ReactNode;
}) {
  const heading = `recovery-step-${stepKey}`;
  return (
    <li>
      <section
        aria-labelledby={heading}
        data-testid={heading}
        data-status={status}
        className={`space-y-3 rounded border bg-white p-4 ${status === 'current' ? 'border-amber-400' : 'border-slate-200'}`}
      >
        <h2 id={heading} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          {n}. {STEP_TITLES[stepKey]}
          <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_TONE[status]}`}>
            {STATUS_WORDS[status]}
          </span>
        </h2>
        {children}
      </section>
    </li>
  );
}

function ChangesList({ changes }: { changes: RecoveryView['fix']['changes'] }) {
  if (changes.length === 0)
    return (
      <p className="text-sm text-slate-600">No configuration change since the outage began.</p>
    );
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" aria-label="Changes since the outage began">
      {changes.map((c) => (
        <li key={c.seq}>
          <Time value={c.createdAt} /> · {c.actorLabel} · {c.action.replaceAll(/[._]/g, ' ')}
          {c.objectName && <> · {c.objectName}</>}
        </li>
      ))}
    </ul>
  );
}

function PreviewFacts({ view }: { view: RecoveryView }) {
  const { preview } = view;
  if (!preview.at) return <p className="text-sm text-slate-600">Not previewed yet.</p>;
  const p = preview.preflight;
  return (
    <div className="space-y-1 text-sm" data-testid="recovery-preview">
      <p>
        Previewed <Time value={preview.at} />: {goesOut(preview.held ?? 0, preview.failed ?? 0)}.
      </p>
      {p && (
        <div data-testid="recovery-preflight" data-status={p.status}>
          <p>
            Pre-flight ({p.status}): {p.headline}.
          </p>
          {p.caveats.length > 0 && (
            <ul className="list-disc pl-5 text-slate-700">
              {p.caveats.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function DrainFacts({ view }: { view: RecoveryView }) {
  const { drain } = view;
  if (!drain.startedAt) return <p className="text-sm text-slate-600">Not started.</p>;
  const total = drain.total ?? 0;
  const done = Math.max(0, total - drain.remaining);
  const percent = total === 0 ? 100 : Math.round((done * 100) / total);
  return (
    <div className="space-y-2 text-sm" data-testid="recovery-drain">
      <p>
        Draining at <span data-testid="recovery-drain-rate">{drain.ratePerSecond}/s</span> since{' '}
        <Time value={drain.startedAt} />: {done.toLocaleString('en')} of{' '}
        {total.toLocaleString('en')} out, {drain.remaining.toLocaleString('en')} to go.
      </p>
      <progress
        max={100}
        value={percent}
        aria-label="Drain progress"
        aria-valuetext={`${percent}%`}
        className="w-full max-w-xl"
      />
      {drain.replay && (
        <p>
          Replay of the failed work:{' '}
          <Link href="/replays" className={link}>
            {drain.replay.status}
          </Link>{' '}
          — {drain.replay.replayed} of {drain.replay.total} replayed, {drain.replay.skipped}{' '}
          skipped.
        </p>
      )}
    </div>
  );
}

function ReconcileFacts({ view }: { view: RecoveryView }) {
  const { reconcile } = view;
  if (!reconcile.windowTo)
    return (
      <p className="text-sm text-slate-600">
        Compares the ledger with the connection from <Time value={reconcile.windowFrom} /> to when
        this step starts.
      </p>
    );
  if (reconcile.runs.length === 0)
    return <p className="text-sm">No flow to this connection can be reconciled.</p>;
  return (
    <ul className="space-y-1 text-sm" aria-label="Reconciliation runs of the outage window">
      {reconcile.runs.map((run) => (
        <li key={run.id} data-testid="recovery-run" data-status={run.status}>
          <Link href={`/reconciliation/runs/${run.id}`} className={link}>
            {run.flowName}
          </Link>{' '}
          — {run.status}: {run.listed} compared, {run.matched} matched,{' '}
          {run.drifted === 1 ? '1 drift item' : `${run.drifted} drift items`}
        </li>
      ))}
    </ul>
  );
}
