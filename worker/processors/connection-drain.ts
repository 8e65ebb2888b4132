// 'connection.drain': one shard of a target connection's drain (its due outbox rows, within its
// rate limit, concurrency and circuit).
import { drainConnection, type DrainDeps } from '@/lib/engine/drain';
import type { JobHandler } from '@/lib/queue/handlers';

export function connectionDrain(deps: DrainDeps): JobHandler<'connection.drain'> {
  return async (ids) => {
    const report = await drainConnection(deps, ids);
    if (report.settled > 0) deps.log.debug({ ...ids, ...report }, 'drained');
    return report.stopped;
  };
}
