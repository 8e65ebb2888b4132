import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Timeline } from '@/components/timeline/timeline';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { JsonView } from '@/components/ui/json-view';
import { StatusBadge } from '@/components/ui/status-badge';
import { can } from '@/lib/auth/permissions';
import { requirePage } from '@/lib/auth/session';
import { tenantDb } from '@/lib/db';
import { REPLAYABLE } from '@/lib/engine/replay';
import { isAppError } from '@/lib/errors';
import { getTransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import { serverContext } from '@/lib/server/context';
import { ReplayPanel } from './_components/replay-panel';

export const metadata: Metadata = { title: 'Transaction' };

// Statuses that move on by themselves within seconds: the page follows them without a reload.
const IN_MOTION = new Set(['received', 'processing']);

export default async function TransactionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage('transactions.read');
  const { id } = await params;
  const detail = await getTransactionDetail(tenantDb(serverContext().db, actor.tenantId), id, {
    maskPersonalData: !can(actor.role, 'personal_data.read'),
  }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <article aria-labelledby="transaction-heading">
      <Link href="/transactions" className="text-sm text-blue-700 underline">
        ← Transactions
      </Link>
      <header className="mt-2 rounded border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-center gap-3">
          <h1 id="transaction-heading" className="text-xl font-semibold">
            Order #{detail.businessKey} · {detail.flow.name}
          </h1>
          <span data-testid="transaction-status">
            <StatusBadge status={detail.status} />
          </span>
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">From → to</dt>
          <dd>
            {detail.flow.source} → {detail.flow.target} ({detail.flow.operation})
          </dd>
          <dt className="text-slate-500">Attempts</dt>
          <dd>{detail.attempts}</dd>
          <dt className="text-slate-500">Error class</dt>
          <dd>{detail.errorClass ?? '—'}</dd>
          <dt className="text-slate-500">Mapping version</dt>
          <dd>{detail.mappingVersion ?? '—'}</dd>
          <dt className="text-slate-500">Idempotency key</dt>
          <dd className="font-mono text-xs">{detail.idempotencyKey}</dd>
          <dt className="text-slate-500">External references</dt>
          <dd data-testid="external-refs">
            {Object.entries(detail.externalRefs)
              .map(([system, ref]) => `${system}: ${ref}`)
              .join(', ') || '—'}
          </dd>
        </dl>
        {detail.lastError && (
          <p className="mt-3 rounded bg-red-50 p-2 text-sm text-red-900">
            Last error: {detail.lastError}
          </p>
        )}
      </header>
      <AutoRefresh active={IN_MOTION.has(detail.status)} />
      {can(actor.role, 'transactions.replay') && (
        <ReplayPanel transactionId={detail.id} replayable={REPLAYABLE.includes(detail.status)} />
      )}
      <section aria-labelledby="timeline-heading" className="mt-6">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          Timeline
        </h2>
        <Timeline items={detail.timeline} />
      </section>
      <section
        aria-labelledby="inbound-heading"
        className="mt-6 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="inbound-heading" className="text-lg font-semibold">
          Inbound event
        </h2>
        <p className="text-sm text-slate-600">
          {detail.inbound.topic} · provider event {detail.inbound.providerEventId} · received{' '}
          {detail.inbound.receivedAt}
        </p>
        <JsonView value={detail.inbound.payload} label="Raw payload" />
        <JsonView value={detail.inbound.headers} label="Headers (signatures redacted)" />
      </section>
    </article>
  );
}
