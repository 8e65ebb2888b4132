// Every job of the catalog with its handler (lib/queue/handlers.ts): adding a job to
// lib/queue/catalog.ts without a handler here does not compile.
import type { DrainDeps } from '@/lib/engine/drain';
import type { PollDeps } from '@/lib/engine/poll';
import type { EvaluateConfig } from '@/lib/alerts/evaluate-alerts';
import type { JobHandlers } from '@/lib/queue/handlers';
import { connectionDrain } from './processors/connection-drain';
import { alertsEvaluate, overviewRollup, slaCheck } from './processors/maintenance';
import { flowPoll, reconciliationScheduled, replayBatch } from './processors/operations';
import { reconciliationRun } from './processors/reconciliation';
import { retentionExpunge, retentionSweep, type RetentionDeps } from './processors/retention';

export interface WorkerDeps {
  drain: DrainDeps;
  /** db, queues, key ring, provider timeout, log: what replays, polls and reconciliation need */
  operations: PollDeps;
  alerts: EvaluateConfig;
  /** retention runs' batch size and the worker's stop flag (db, queues and log come from operations) */
  retention: Pick<RetentionDeps, 'batchSize' | 'shouldStop'>;
}

export function jobHandlers(deps: WorkerDeps): JobHandlers {
  const { operations } = deps;
  return {
    'connection.drain': connectionDrain(deps.drain),
    'replay.batch': replayBatch(operations),
    'flow.poll': flowPoll(operations),
    'reconciliation.run': reconciliationRun(operations),
    'reconciliation.scheduled': reconciliationScheduled(operations),
    'overview.rollup': overviewRollup(operations),
    'sla.check': slaCheck(operations),
    'alerts.evaluate': alertsEvaluate({ ...operations, alerts: deps.alerts }),
    'retention.sweep': retentionSweep({ ...operations, ...deps.retention }),
    'retention.expunge': retentionExpunge({ ...operations, ...deps.retention }),
  };
}
