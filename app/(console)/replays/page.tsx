import type { Metadata } from 'next';
import { z } from 'zod';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { requirePage } from '@/lib/auth/session';
import { previewReplay } from '@/lib/engine/replay-batch';
import { findReplayPreflight } from '@/lib/engine/replay-preflight';
import { listReplayBatches } from '@/lib/engine/replay-batches.presenter';
import {
  ERROR_CLASSES,
  FILTER_STATUSES,
  replayFilterFields,
  safeParseReplayFilter,
} from '@/lib/http/replay-filter-params';
import { serverContext } from '@/lib/server/context';
import { BatchList } from './_components/batch-list';
import { PreflightButton } from './_components/preflight-button';
import { PreflightStatus } from './_components/preflight-status';
import { ReplayFilterForm, type FilterDefaults } from './_components/replay-filter-form';
import { StartReplayForm } from './_components/start-replay-form';

export const metadata: Metadata = { title: 'Replays' };

const query = z.object({
  preview: z.literal('1').optional().catch(undefined),
  started: z.uuid().optional().catch(undefined),
  preflight: z.uuid().optional().catch(undefined),
  linked: z.coerce.number().int().min(1).optional().catch(undefined),
});

type Raw = Record<string, string | string[] | undefined>;
const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** What the filter form shows: the URL's values (even invalid ones, so they can be corrected). */
function defaultsFrom(raw: Raw, previewing: boolean): FilterDefaults {
  const statuses = raw.statuses === undefined ? [] : [raw.statuses].flat();
  return {
    flowId: text(raw.flowId),
    errorClass: text(raw.errorClass),
    statuses: previewing ? statuses : [...FILTER_STATUSES],
    from: text(raw.from) || undefined,
    to: text(raw.to) || undefined,
  };
}

export default async function ReplaysPage({ searchParams }: { searchParams: Promise<Raw> }) {
  const actor = await requirePage('transactions.replay');
  const raw = await searchParams;
  const { preview, started, preflight: preflightId, linked } = query.parse(raw);
  const { db } = serverContext();
  const screen = await listReplayBatches(db, actor.tenantId, { limit: 20 });
  const parsed = preview ? safeParseReplayFilter(raw) : null;
  const count = parsed?.ok ? await previewReplay(db, actor.tenantId, parsed.filter) : null;
  const startedBatch = started ? screen.batches.find((b) => b.id === started) : undefined;
  const fields = parsed?.ok ? replayFilterFields(parsed.filter) : [];
  const found =
    parsed?.ok && preflightId ? await findReplayPreflight(db, actor.tenantId, preflightId) : null;
  // A pre-flight of another filter says nothing about this preview: it is not shown or used.
  const preflight =
    found?.filter && sameFields(replayFilterFields(found.filter), fields) ? found : null;
  return (
    <div className="space-y-6">
      <AutoRefresh active={screen.anyRunning || preflight?.status === 'running'} />
      <section aria-labelledby="replays-heading" className="space-y-4">
        <div>
          <h1 id="replays-heading" className="text-xl font-semibold">
            Replays
          </h1>
          <p className="text-sm text-slate-600">
            Send many failed or reviewed transactions through dispatch again, chosen by filter.
            Preview the count first; every replayed transaction records who asked and why.
          </p>
        </div>
        {startedBatch && (
          <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-900">
            {startedBatch.total === 0
              ? 'Nothing matched any more, so the batch finished empty.'
              : `Replay started for ${startedBatch.total === 1 ? '1 transaction' : `${startedBatch.total} transactions`}. Follow its progress below.`}
            {linked &&
              ` ${linked === 1 ? '1 transaction was' : `${linked} transactions were`} already at the target: linked, not sent again.`}
          </p>
        )}
        <ReplayFilterForm
          flows={screen.flows}
          errorClasses={ERROR_CLASSES}
          defaults={defaultsFrom(raw, Boolean(preview))}
        />
        {parsed && (
          <section
            aria-labelledby="preview-heading"
            className="rounded border border-slate-200 bg-white p-4"
          >
            <h2 id="preview-heading" className="text-lg font-semibold">
              {!parsed.ok
                ? 'The filter needs a correction'
                : count === 0
                  ? 'No transactions match this filter'
                  : count === 1
                    ? '1 transaction matches — replay 1?'
                    : `${count} transactions match — replay ${count}?`}
            </h2>
            {!parsed.ok && (
              <p role="alert" className="mt-1 text-sm text-red-800">
                {parsed.error}
              </p>
            )}
            {parsed.ok && count !== null && count > 0 && (
              <>
                {preflight ? (
                  <PreflightStatus preflight={preflight} />
                ) : (
                  <div className="mt-3">
                    <PreflightButton fields={fields} />
                  </div>
                )}
                <StartReplayForm
                  // a new preview is a new question: start from an empty answer
                  key={new URLSearchParams(fields).toString()}
                  count={count}
                  fields={fields}
                  preflight={
                    preflight
                      ? { id: preflight.id, found: preflight.summary.alreadyAtTarget }
                      : null
                  }
                />
              </>
            )}
          </section>
        )}
      </section>
      <section aria-labelledby="batches-heading">
        <h2 id="batches-heading" className="mb-3 text-lg font-semibold">
          Recent batches
        </h2>
        <BatchList batches={screen.batches} highlight={started} />
      </section>
    </div>
  );
}

function sameFields(a: [string, string][], b: [string, string][]): boolean {
  return new URLSearchParams(a).toString() === new URLSearchParams(b).toString();
}
