// The maintenance queue: derived data the console reads, rebuilt on a schedule (the Overview's
// hourly roll-ups), and the watchers (SLA checks, alert evaluation).
import type { Job } from 'bullmq';
import type { Db } from '@/lib/db';
import type { Logger } from '@/lib/observability/logger';
import { runOverviewRollup } from '@/lib/overview/rollup-job';
import { JOBS } from '@/lib/queue/catalog';
import { evaluateAlerts, type EvaluateConfig } from '@/lib/alerts/evaluate-alerts';
import { checkSlas } from '@/lib/sla/check-slas';

export function maintenanceProcessor(deps: { db: Db; log: Logger; alerts: EvaluateConfig }) {
  return async (job: Job): Promise<string> => {
    switch (job.name) {
      case 'overview.rollup': {
        const data = JOBS['overview.rollup'].schema.parse(job.data);
        const started = performance.now();
        const outcome = await runOverviewRollup(deps.db, data);
        deps.log.debug(
          { jobId: job.id, ...data, ...outcome, ms: Math.round(performance.now() - started) },
          'overview roll-ups refreshed',
        );
        return `${outcome.rows} rows`;
      }
      case 'sla.check': {
        const outcome = await checkSlas(deps.db);
        if (outcome.raised + outcome.cleared > 0)
          deps.log.info({ jobId: job.id, ...outcome }, 'SLA breaches raised or cleared');
        return `${outcome.raised} raised, ${outcome.cleared} cleared`;
      }
      case 'alerts.evaluate': {
        const outcome = await evaluateAlerts(deps.db, deps.alerts);
        for (const [ruleId, why] of Object.entries(outcome.skipped))
          deps.log.warn({ jobId: job.id, ruleId, why }, 'alert rule skipped');
        if (outcome.failedDeliveries > 0)
          deps.log.warn(
            { jobId: job.id, ...outcome },
            'alert deliveries failed; retried next pass',
          );
        return `${outcome.delivered} delivered, ${outcome.failedDeliveries} failed`;
      }
      default:
        throw new Error(`no processor for job ${job.name}`);
    }
  };
}
