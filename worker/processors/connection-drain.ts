import type { Job } from 'bullmq';
import { drainConnection, type DrainDeps } from '@/lib/engine/drain';
import { JOBS } from '@/lib/queue/catalog';

export function connectionDrainProcessor(deps: DrainDeps) {
  return async (job: Job): Promise<string> => {
    const ids = JOBS['connection.drain'].schema.parse(job.data);
    const report = await drainConnection(deps, ids);
    if (report.settled > 0) deps.log.debug({ ...ids, ...report }, 'drained');
    return report.stopped;
  };
}
