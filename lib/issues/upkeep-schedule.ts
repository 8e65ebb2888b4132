// The issue upkeep's job scheduler on the maintenance queue (one job at a time there). Every 15
// seconds: with the upkeep's one-minute lag, an issue learns of a failure within about 75 s.
import { JOBS } from '@/lib/queue/catalog';
import type { QueueSet } from '@/lib/queue/queues';

export const ISSUE_UPKEEP_EVERY_MS = 15_000;

export async function startIssueUpkeepSchedule(
  queues: QueueSet,
  everyMs = ISSUE_UPKEEP_EVERY_MS,
): Promise<void> {
  const job = JOBS['issues.upkeep'];
  await queues
    .get(job.queue)
    .upsertJobScheduler(
      'issues-upkeep',
      { every: everyMs },
      { name: 'issues.upkeep', data: {}, opts: job.options },
    );
}
