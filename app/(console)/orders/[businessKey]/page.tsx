import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { JourneyStepCard } from '@/components/journey/journey-step-card';
import { JourneySummaryLine } from '@/components/journey/journey-summary-line';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { CopyButton } from '@/components/ui/copy-button';
import { Time } from '@/components/time/time';
import { requirePage } from '@/lib/auth/session';
import { REPLAYABLE } from '@/lib/engine/replay';
import { isAppError } from '@/lib/errors';
import { MAX_JOURNEY_STEPS, getOrderJourney } from '@/lib/ledger/order-journey.presenter';
import { serverContext } from '@/lib/server/context';
import { ReplayStepButton } from './_components/replay-step-button';
import { actorCan } from '@/lib/base/actor';

type Params = { params: Promise<{ businessKey: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Order #${(await params).businessKey}` };
}

// Steps that move on by themselves within seconds: the page follows them without a reload.
const IN_MOTION = new Set(['received', 'processing']);

export default async function OrderJourneyPage({ params }: Params) {
  const actor = await requirePage('transactions.read');
  const { businessKey } = await params;
  const journey = await getOrderJourney(serverContext().readDb, actor.tenantId, businessKey, {
    maskPersonalData: !actorCan(actor, 'personal_data.read'),
  }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const mayReplay = actorCan(actor, 'transactions.replay');
  const count = journey.steps.length;
  return (
    <article aria-labelledby="order-heading" className="space-y-6">
      <AutoRefresh active={journey.steps.some((s) => IN_MOTION.has(s.status))} />
      <header className="rounded border border-slate-200 bg-white p-4">
        <Link href="/search" className="text-sm text-blue-700 underline">
          ← Search
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 id="order-heading" className="text-xl font-semibold">
            Order #{journey.businessKey}
          </h1>
          <CopyButton text={journey.businessKey} label="Copy order number" />
          {journey.customerEmail && (
            <span data-testid="order-customer-email" className="text-sm text-slate-700">
              {journey.customerEmail}
            </span>
          )}
        </div>
        <div className="mt-3">
          <JourneySummaryLine segments={journey.summary.segments} />
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {count === 1 ? '1 transaction' : `${count} transactions`} across systems · as of{' '}
          <Time value={journey.asOf} />
        </p>
      </header>
      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading" className="mb-3 text-lg font-semibold">
          Transactions
        </h2>
        <ol className="space-y-3">
          {journey.steps.map((step) => (
            <JourneyStepCard
              key={step.id}
              step={step}
              actions={
                mayReplay && REPLAYABLE.includes(step.status) ? (
                  <ReplayStepButton
                    transactionId={step.id}
                    stepName={`${step.target} · ${step.flow.name}`}
                  />
                ) : null
              }
            />
          ))}
        </ol>
        {journey.truncated && (
          <p className="mt-3 text-sm text-slate-700">
            Showing the first {MAX_JOURNEY_STEPS} transactions of this order.{' '}
            <Link href="/transactions" className="text-blue-700 underline">
              See all in Transactions
            </Link>
          </p>
        )}
      </section>
    </article>
  );
}
