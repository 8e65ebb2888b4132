// The issue upkeep job (lib/issues/upkeep.ts): a bounded pass over new timeline failures.
import type { Db } from '@/lib/db';
import { runIssueUpkeep } from '@/lib/issues/upkeep';
import type { Logger } from '@/lib/observability/logger';
import type { JobHandler } from '@/lib/queue/handlers';

export function issuesUpkeep(deps: {
  db: Db;
  log: Logger;
  lagMs?: number;
}): JobHandler<'issues.upkeep'> {
  return async (_data, job) => {
    const outcome = await runIssueUpkeep(deps.db, { lagMs: deps.lagMs });
    if (outcome.created + outcome.reopened > 0)
      deps.log.info({ jobId: job.id, ...outcome }, 'issues created or reopened');
    return `${outcome.failures} failures, ${outcome.created} created, ${outcome.reopened} reopened`;
  };
}
