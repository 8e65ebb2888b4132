// Step 5 and the end of a guided recovery. Reconciling the outage window starts one run per flow
// to the connection that can be reconciled (lib/reconciliation), over the window from the outage's
// start to now; the recovery claims the step (and audits it) before the runs start, so two
// presses start one set.
// Completing ends the drain's rate (the connection's own limit applies again); abandoning does the
// same at any step, with a reason. Each is audited.
import type { Db } from '@/lib/db';
import type { Logger } from '@/lib/observability/logger';
import type { QueueSet } from '@/lib/queue/queues';
import { launchReconciliationRun } from '@/lib/reconciliation/launch-run';
import { listReconcilableFlows } from '@/lib/reconciliation/reconcilable-flows';
import { MAX_WINDOW_MS } from '@/lib/reconciliation/start-run';
import { auditStep, lockForStep, type StepBy } from './recovery-record';
import { AppError, notFound } from '@/lib/errors';

export interface ReconcileStarted {
  windowFrom: Date;
  windowTo: Date;
  runIds: string[];
  /** flows with no way to reconcile (no listing at the source, no look-up at the target) */
  flowsLeftOut: number;
  notQueued: number;
}

export async function reconcileOutageWindow(
  deps: { db: Db; queues: QueueSet; log: Logger },
  tenantId: string,
  recoveryId: string,
  by: StepBy,
): Promise<ReconcileStarted> {
  const { db } = deps;
  const windowTo = new Date();
  // the step is claimed and audited in one transaction; the runs start after it, and a run whose
  // job cannot be queued is cancelled by launchReconciliationRun (said in the answer)
  const claimed = await db.$transaction(async (tx) => {
    const r = await lockForStep(tx, tenantId, recoveryId, 'reconcile');
    // a window of at most 35 days (a run's limit): an outage longer than that is cut to its end
    const windowFrom = new Date(
      Math.max(r.outageFrom.getTime(), windowTo.getTime() - MAX_WINDOW_MS),
    );
    const flows = await listReconcilableFlows(tx, tenantId, { targetConnectionId: r.connectionId });
    await tx.recovery.updateMany({
      where: { id: recoveryId, tenantId },
      data: { state: 'reconciling', outageTo: windowTo },
    });
    await auditStep(tx, tenantId, recoveryId, by, 'recovery.reconcile_started', {
      connection: r.connectionName,
      windowFrom: windowFrom.toISOString(),
      windowTo: windowTo.toISOString(),
      runs: flows.length,
      flows: flows.map((f) => f.name),
    });
    return { r, windowFrom, flows };
  });
  const { r, windowFrom, flows } = claimed;
  const all = await db.flow.count({ where: { tenantId, targetConnectionId: r.connectionId } });
  const runIds: string[] = [];
  let notQueued = 0;
  for (const flow of flows) {
    const run = await launchReconciliationRun(deps, tenantId, {
      flowId: flow.id,
      windowFrom,
      windowTo,
      trigger: 'console',
      actor: by.actor,
      ...(by.audit && { audit: by.audit }),
    });
    if (run.kind === 'started') runIds.push(run.runId);
    else notQueued += 1;
  }
  await db.recovery.updateMany({
    where: { id: recoveryId, tenantId },
    data: { reconciliationRunIds: runIds },
  });
  return { windowFrom, windowTo, runIds, flowsLeftOut: all - flows.length, notQueued };
}

export async function finishRecovery(
  db: Db,
  tenantId: string,
  recoveryId: string,
  input: StepBy & { outcome: 'completed' | 'abandoned'; reason?: string },
): Promise<void> {
  const reason = input.reason?.trim() || undefined;
  if (input.outcome === 'abandoned' && !reason)
    throw new AppError('VALIDATION_FAILED', 'say why the recovery is abandoned');
  await db.$transaction(async (tx) => {
    if (input.outcome === 'completed') await lockForStep(tx, tenantId, recoveryId, 'complete');
    const r = await tx.recovery.findFirst({
      where: { id: recoveryId, tenantId },
      select: { state: true, connection: { select: { name: true } } },
    });
    if (!r) throw notFound('recovery');
    if (r.state === 'completed' || r.state === 'abandoned')
      throw new AppError('CONFLICT', `this recovery is already ${r.state}`);
    const done = await tx.recovery.updateMany({
      where: { id: recoveryId, tenantId, state: r.state },
      data: { state: input.outcome, finishedAt: new Date(), finishedBy: input.actor.label },
    });
    if (done.count === 0) throw new AppError('CONFLICT', 'this recovery moved meanwhile: reload');
    await auditStep(
      tx,
      tenantId,
      recoveryId,
      input,
      input.outcome === 'completed' ? 'recovery.completed' : 'recovery.abandoned',
      { connection: r.connection.name, from: r.state },
      reason,
    );
  });
}
