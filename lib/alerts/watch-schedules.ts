// The job schedulers of the watchers: SLA checks and alert evaluation, each minute, on the
// maintenance queue (one job at a time). A breach raised by one check is alerted on by the next
// evaluation, so an SLA alert follows its breach within about a minute.
import { JOBS } from '@/lib/queue/catalog';
import type { QueueSet } from '@/lib/queue/queues';

export const WATCH_EVERY_MS = 60_000;

export async function startWatchSchedules(queues: QueueSet): Promise<void> {
  const sla = JOBS['sla.check'];
  await queues
    .get(sla.queue)
    .upsertJobScheduler(
      'sla-check',
      { every: WATCH_EVERY_MS },
      { name: 'sla.check', data: {}, opts: sla.options },
    );
  const alerts = JOBS['alerts.evaluate'];
  await queues
    .get(alerts.queue)
    .upsertJobScheduler(
      'alerts-evaluate',
      { every: WATCH_EVERY_MS },
      { name: 'alerts.evaluate', data: {}, opts: alerts.options },
    );
}
