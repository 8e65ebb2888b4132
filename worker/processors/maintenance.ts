// The maintenance queue: derived data the console reads, rebuilt on a schedule (the Overview's
// hourly roll-ups), and the watchers (SLA checks, alert evaluation).
import type { Db } from '@/lib/db';
import type { Logger } from '@/lib/observability/logger';
import { runOverviewRollup } from '@/lib/overview/rollup-job';
import type { JobHandler } from '@/lib/queue/handlers';
import { evaluateAlerts, type EvaluateConfig } from '@/lib/alerts/evaluate-alerts';
import { checkSlas } from '@/lib/sla/check-slas';

interface MaintenanceDeps {
  db: Db;
  log: Logger;
}

export function overviewRollup(deps: MaintenanceDeps): JobHandler<'overview.rollup'> {
  return async (data, job) => {
    const started = performance.now();
    const outcome = await runOverviewRollup(deps.db, data);
    deps.log.debug(
      { jobId: job.id, ...data, ...outcome, ms: Math.round(performance.now() - started) },
      'overview roll-ups refreshed',
    );
    return `${outcome.rows} rows`;
  };
}

export function slaCheck(deps: MaintenanceDeps): JobHandler<'sla.check'> {
  return async (_data, job) => {
    const outcome = await checkSlas(deps.db);
    if (outcome.raised + outcome.cleared > 0)
      deps.log.info({ jobId: job.id, ...outcome }, 'SLA breaches raised or cleared');
    return `${outcome.raised} raised, ${outcome.cleared} cleared`;
  };
}

export function alertsEvaluate(
  deps: MaintenanceDeps & { alerts: EvaluateConfig },
): JobHandler<'alerts.evaluate'> {
  return async (_data, job) => {
    const outcome = await evaluateAlerts(deps.db, deps.alerts);
    for (const [ruleId, why] of Object.entries(outcome.skipped))
      deps.log.warn({ jobId: job.id, ruleId, why }, 'alert rule skipped');
    if (outcome.failedDeliveries > 0)
      deps.log.warn({ jobId: job.id, ...outcome }, 'alert deliveries failed; retried next pass');
    return `${outcome.delivered} delivered, ${outcome.failedDeliveries} failed`;
  };
}
