// Every job of the catalog with its handler (lib/queue/handlers.ts): adding a job to
// lib/queue/catalog.ts without a handler here does not compile.
import type { DrainDeps } from '@/lib/engine/drain';
import type { PollDeps } from '@/lib/engine/poll';
import type { EvaluateConfig } from '@/lib/alerts/evaluate-alerts';
import type { JobHandlers } from '@/lib/queue/handlers';
import { connectionDrain } from './processors/connection-drain';
import { alertsEvaluate, overviewRollup, slaCheck } from './processors/maintenance';
import {
  flowPoll,
  reconciliationScheduled,
  replayBatch,
  replayPreflight,
} from './processors/operations';
import { issuesUpkeep } from './processors/issues';
import { reconciliationRun } from './processors/reconciliation';
import { retentionExpunge, retentionSweep, type RetentionDeps } from './processors/retention';

export interface WorkerDeps {
  drain: DrainDeps;
  /** db, queues, key ring, provider timeout, log: what replays, polls and reconciliation need */
  operations: PollDeps;
  alerts: EvaluateConfig;
  /** retention runs' batch size and the worker's stop flag (db, queues and log come from operations) */
  retention: Pick<RetentionDeps, 'batchSize' | 'shouldStop'>;
  /** ISSUE_UPKEEP_LAG_MS */
  issueUpkeepLagMs?: number;
}

export function jobHandlers(deps: WorkerDeps): JobHandlers {
  const { operations } = deps;
  return {
    'connection.drain': connectionDrain(deps.drain),
    'replay.batch': replayBatch(operations),
    // the drains' rate limiter: a pre-flight's look-ups share each target's budget with dispatch
    'replay.preflight': replayPreflight({
      ...operations,
      ...(deps.drain.rateLimiter && { rateLimiter: deps.drain.rateLimiter }),
    }),
    'flow.poll': flowPoll(operations),
    'reconciliation.run': reconciliationRun(operations),
    'reconciliation.scheduled': reconciliationScheduled(operations),
    'overview.rollup': overviewRollup(operations),
    'sla.check': slaCheck(operations),
    'alerts.evaluate': alertsEvaluate({ ...operations, alerts: deps.alerts }),
    'issues.upkeep': issuesUpkeep({ ...operations, lagMs: deps.issueUpkeepLagMs }),
    'retention.sweep': retentionSweep({ ...operations, ...deps.retention }),
    'retention.expunge': retentionExpunge({ ...operations, ...deps.retention }),
  };
}
