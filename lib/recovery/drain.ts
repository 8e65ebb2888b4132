// Step 4 of a guided recovery: drain at a chosen rate. The recovery claims the step and stores the
// rate first (from then on the drain sends at most that many commands a second, below the
// connection's own limit, until the recovery ends: lib/engine/load-dispatchable.ts), then the
// connection is resumed (audited as any resume, waking its drain) and the outage's failed work is
// replayed as one batch with the preview's pre-flight, so what the target already holds is linked,
// not sent again. The replay window ends when the drain started: later failures are not the
// outage's.
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { launchReplayBatch } from '@/lib/engine/launch-replay-batch';
import { setConnectionPaused } from '@/lib/engine/pause';
import type { Logger } from '@/lib/observability/logger';
import type { QueueSet } from '@/lib/queue/queues';
import type { WakeDrains } from '@/lib/queue/wake-drains';
import { failedWorkFilter } from './fix-and-preview';
import { totalsOf, waitingByFlow } from './recovery-facts';
import { auditStep, lockForStep, type StepBy } from './recovery-record';

export const drainRateSchema = z.coerce
  .number({ error: 'the rate is a whole number of commands a second' })
  .int('the rate is a whole number of commands a second')
  .min(1, 'drain at 1 command a second or more')
  .max(1000, 'drain at 1,000 commands a second or fewer');

export interface DrainStarted {
  held: number;
  failed: number;
  resumed: boolean;
  replayBatchId: string | null;
  /** the replay could not be queued: the held work drains, the failed work waits for a replay */
  replayNotQueued: boolean;
}

export async function startDrain(
  deps: { db: Db; queues: QueueSet; log: Logger; wake: WakeDrains },
  tenantId: string,
  recoveryId: string,
  input: StepBy & { ratePerSecond: number },
): Promise<DrainStarted> {
  const { db } = deps;
  const rate = drainRateSchema.parse(input.ratePerSecond);
  const startedAt = new Date();
  const claimed = await db.$transaction(async (tx) => {
    const r = await lockForStep(tx, tenantId, recoveryId, 'drain');
    const waiting = totalsOf(await waitingByFlow(tx, tenantId, r.connectionId, r.outageFrom));
    await tx.recovery.updateMany({
      where: { id: recoveryId, tenantId },
      data: {
        state: 'draining',
        drainRatePerSecond: rate,
        drainStartedAt: startedAt,
        drainTotal: waiting.held + waiting.failed,
      },
    });
    await auditStep(tx, tenantId, recoveryId, input, 'recovery.drain_started', {
      connection: r.connectionName,
      ratePerSecond: rate,
      held: waiting.held,
      failed: waiting.failed,
    });
    return { r, waiting };
  });
  const { r, waiting } = claimed;
  const resumed = r.connectionStatus === 'paused';
  if (resumed)
    await setConnectionPaused(db, tenantId, r.connectionId, false, {
      actor: input.actor,
      wake: deps.wake,
      ...(input.audit && { audit: input.audit }),
    });
  if (waiting.failed === 0)
    return { ...waiting, resumed, replayBatchId: null, replayNotQueued: false };
  const replay = await launchReplayBatch(deps, tenantId, {
    filter: failedWorkFilter(r.connectionId, r.outageFrom, startedAt),
    actor: input.actor,
    reason: `guided recovery of ${r.connectionName}: the outage's failed work`,
    ...(input.audit && { audit: input.audit }),
    ...(r.preflightId && { preflightId: r.preflightId }),
  });
  if (replay.kind !== 'started')
    return { ...waiting, resumed, replayBatchId: null, replayNotQueued: true };
  await db.recovery.updateMany({
    where: { id: recoveryId, tenantId },
    data: { replayBatchId: replay.batchId },
  });
  return { ...waiting, resumed, replayBatchId: replay.batchId, replayNotQueued: false };
}
