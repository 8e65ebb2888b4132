// Steps 2 and 3 of a guided recovery. The fix is made where it always is (the connection's
// credentials and settings, the flows' mappings: audited there); this step confirms it, with a
// note and the count of changes made since the outage began. The preview counts what the drain
// will send — held work that goes out on resume, failed work that goes out by replay — and starts
// a replay pre-flight of the failed work, so targets that can look records up say which of them
// they already hold (those are linked, not sent again, when the drain replays).
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { launchReplayPreflight } from '@/lib/engine/launch-replay-preflight';
import { cancelReplayPreflight } from '@/lib/engine/replay-preflight';
import type { Logger } from '@/lib/observability/logger';
import type { QueueSet } from '@/lib/queue/queues';
import { changesSince } from './recovery-changes';
import { totalsOf, waitingByFlow } from './recovery-facts';
import { auditStep, lockForStep, type StepBy } from './recovery-record';

export const fixNoteSchema = z
  .string()
  .trim()
  .max(2000, 'keep the note under 2,000 characters')
  .optional();

export async function confirmFix(
  db: Db,
  tenantId: string,
  recoveryId: string,
  input: StepBy & { note?: string },
): Promise<{ changes: number }> {
  const note = fixNoteSchema.parse(input.note) || null;
  return db.$transaction(async (tx) => {
    const r = await lockForStep(tx, tenantId, recoveryId, 'fix');
    const changes = await changesSince(tx, tenantId, r.connectionId, r.outageFrom);
    await tx.recovery.updateMany({
      where: { id: recoveryId, tenantId },
      data: { fixConfirmedAt: new Date(), fixNote: note },
    });
    await auditStep(
      tx,
      tenantId,
      recoveryId,
      input,
      'recovery.fix_confirmed',
      { connection: r.connectionName, changes: changes.length },
      note ?? undefined,
    );
    return { changes: changes.length };
  });
}

/** Replay filter of the outage's failed work (the pre-flight checks it, the drain replays it). */
export function failedWorkFilter(connectionId: string, outageFrom: Date, to?: Date) {
  return {
    connectionId,
    statuses: ['failed', 'needs_review'] as ('failed' | 'needs_review')[],
    from: outageFrom,
    ...(to && { to }),
  };
}

export async function previewDrain(
  deps: { db: Db; queues: QueueSet; log: Logger },
  tenantId: string,
  recoveryId: string,
  by: StepBy,
): Promise<{ held: number; failed: number; preflightId: string | null }> {
  const { db } = deps;
  // the order check first, outside the pre-flight's own transaction
  const r = await db.$transaction((tx) => lockForStep(tx, tenantId, recoveryId, 'preview'));
  const waiting = totalsOf(await waitingByFlow(db, tenantId, r.connectionId, r.outageFrom));
  // a preview taken again replaces the last one: its check, if still asking the target, stops
  if (r.preflightId)
    await cancelReplayPreflight(db, tenantId, r.preflightId, {
      actor: by.actor,
      reason: 'the recovery was previewed again',
      ...(by.audit && { audit: by.audit }),
    }); // 'finished' when it already ended: nothing to stop
  let preflightId: string | null = null;
  if (waiting.failed > 0) {
    const launched = await launchReplayPreflight(deps, tenantId, {
      filter: failedWorkFilter(r.connectionId, r.outageFrom),
      actor: by.actor,
      ...(by.audit && { audit: by.audit }),
    });
    if (launched.kind === 'started') preflightId = launched.preflightId;
  }
  return db.$transaction(async (tx) => {
    await lockForStep(tx, tenantId, recoveryId, 'preview');
    await tx.recovery.updateMany({
      where: { id: recoveryId, tenantId },
      data: {
        previewedAt: new Date(),
        previewWaiting: waiting.held,
        previewFailed: waiting.failed,
        preflightId,
      },
    });
    await auditStep(tx, tenantId, recoveryId, by, 'recovery.previewed', {
      connection: r.connectionName,
      held: waiting.held,
      failed: waiting.failed,
      ...(preflightId && { preflightId }),
    });
    return { ...waiting, preflightId };
  });
}
