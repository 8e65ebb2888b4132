import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { AttemptsTable } from '@/components/timeline/attempts-table';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { requirePage } from '@/lib/auth/session';
import { tenantDb } from '@/lib/db';
import { REPLAYABLE } from '@/lib/engine/replay';
import { isAppError } from '@/lib/errors';
import { CANCELLABLE } from '@/lib/ledger/cancel';
import { errorClassLabel } from '@/lib/ledger/error-class-help';
import { RESOLVABLE } from '@/lib/ledger/resolve';
import { getTransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import { serverContext } from '@/lib/server/context';
import { PayloadSection } from './_components/payload-section';
import { ReplayPanel } from './_components/replay-panel';
import { StateComparisonSection } from './_components/state-comparison';
import { TimelineSection } from './_components/timeline-section';
import { TransactionActions } from './_components/transaction-actions';
import { TransactionHeader } from './_components/transaction-header';
import { actorCan } from '@/lib/base/actor';

export const metadata: Metadata = { title: 'Transaction' };

// Statuses that move on by themselves within seconds: the page follows them without a reload.
const IN_MOTION = new Set(['received', 'processing']);

export default async function TransactionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ order?: string | string[]; kind?: string | string[] }>;
}) {
  const actor = await requirePage('transactions.read');
  const { id } = await params;
  const query = await searchParams;
  const masked = !actorCan(actor, 'personal_data.read');
  const ctx = serverContext();
  // the replica when there is one: right after an action here the page may show the state before
  const detail = await getTransactionDetail(tenantDb(ctx.readDb, actor.tenantId), id, {
    maskPersonalData: masked,
    onInvalidRule: (rule) => ctx.log.warn({ rule }, 'masking rule ignored'),
  }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <article aria-labelledby="transaction-heading">
      <Link href="/transactions" className="text-sm text-blue-700 underline">
        ← Transactions
      </Link>
      <TransactionHeader detail={detail} />
      <AutoRefresh active={IN_MOTION.has(detail.status)} />
      <TransactionActions
        transactionId={detail.id}
        resolve={actorCan(actor, 'transactions.resolve') && RESOLVABLE.includes(detail.status)}
        cancel={actorCan(actor, 'transactions.cancel') && CANCELLABLE.includes(detail.status)}
        note={actorCan(actor, 'transactions.note')}
      />
      {actorCan(actor, 'transactions.replay') && (
        <ReplayPanel transactionId={detail.id} replayable={REPLAYABLE.includes(detail.status)} />
      )}
      <TimelineSection
        timeline={detail.timeline}
        truncated={detail.timelineTruncated}
        query={query}
      />
      <section
        aria-labelledby="attempts-heading"
        className="mt-6 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="attempts-heading" className="mb-2 text-lg font-semibold">
          Attempts
        </h2>
        <AttemptsTable rows={detail.attemptRows} classLabel={errorClassLabel} />
      </section>
      <PayloadSection
        detail={{
          id: detail.id,
          inbound: detail.inbound,
          payloads: detail.payloads,
          mappingVersion: detail.mappingVersion,
          flow: detail.flow,
          maskingRulesApply: detail.maskingRulesApply,
        }}
        masked={masked}
        canReveal={actorCan(actor, 'personal_data.reveal')}
      />
      <StateComparisonSection transactionId={detail.id} />
    </article>
  );
}
