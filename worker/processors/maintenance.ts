// The maintenance queue: derived data the console reads, rebuilt on a schedule (the Overview's
// hourly roll-ups).
import type { Job } from 'bullmq';
import type { Db } from '@/lib/db';
import type { Logger } from '@/lib/observability/logger';
import { runOverviewRollup } from '@/lib/overview/rollup-job';
import { JOBS } from '@/lib/queue/catalog';

export function maintenanceProcessor(deps: { db: Db; log: Logger }) {
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
      default:
        throw new Error(`no processor for job ${job.name}`);
    }
  };
}
