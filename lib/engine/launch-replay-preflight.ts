// Starts a replay pre-flight and hands it to the worker: the row first (the truth, audited with
// it), then its job. If the enqueue fails the pre-flight is cancelled before anything was asked,
// recorded as the system's, so the screen never shows a check that cannot move. The console and
// the API start pre-flights through here.
import type { Db } from '@/lib/db';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Logger } from '@/lib/observability/logger';
import { enqueue, type QueueSet } from '@/lib/queue/queues';
import type { Actor } from './replay';
import type { ReplayFilter } from './replay-batch';
import { cancelReplayPreflight, startReplayPreflight } from './replay-preflight';

export type PreflightLaunch =
  { kind: 'started'; preflightId: string; selected: number } | { kind: 'queue_unavailable' };

export async function launchReplayPreflight(
  deps: { db: Db; queues: QueueSet; log: Logger },
  tenantId: string,
  input: { filter: ReplayFilter; actor: Actor; audit?: AuditContext },
): Promise<PreflightLaunch> {
  const started = await startReplayPreflight(deps.db, tenantId, input);
  if (started.selected === 0) return { kind: 'started', ...started };
  try {
    await enqueue(deps.queues, 'replay.preflight', [
      { tenantId, preflightId: started.preflightId },
    ]);
    return { kind: 'started', ...started };
  } catch (error) {
    deps.log.warn(
      { err: String(error), preflightId: started.preflightId },
      'pre-flight not queued',
    );
    await cancelReplayPreflight(deps.db, tenantId, started.preflightId, {
      actor: { id: 'system', label: 'system' },
      reason: 'the worker queue was unavailable; nothing was checked',
      audit: input.audit,
    });
    return { kind: 'queue_unavailable' };
  }
}
