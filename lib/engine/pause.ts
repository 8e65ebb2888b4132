// Pause and resume, per connection and per flow. Pausing only stops claiming: ingestion keeps
// accepting and recording, and the paused work waits in the outbox, visible as backlog. A pause
// returns once the commands that were already on their way have settled, so "paused" means
// nothing more goes out. Resuming makes the backlog claimable again; the caller wakes the drain,
// which works it off within the connection's rate limit.
import type { Db } from '@/lib/db';
import { countInFlight } from './claim';

const SETTLE_POLL_MS = 100;

export async function setConnectionPaused(
  db: Db,
  tenantId: string,
  connectionId: string,
  paused: boolean,
  settleTimeoutMs = 15_000,
): Promise<{
  found: boolean;
  inFlightAtPause: number;
  /** false when commands were still on their way at the timeout (a hung provider call) */
  settled: boolean;
}> {
  const { count } = await db.connection.updateMany({
    where: { id: connectionId, tenantId },
    data: { status: paused ? 'paused' : 'active' },
  });
  if (count === 0) return { found: false, inFlightAtPause: 0, settled: true };
  if (!paused) return { found: true, inFlightAtPause: 0, settled: true };
  const inFlight = await countInFlight(db, tenantId, connectionId);
  const settled = await waitUntilSettled(db, tenantId, connectionId, settleTimeoutMs);
  return { found: true, inFlightAtPause: inFlight, settled };
}

export async function setFlowPaused(
  db: Db,
  tenantId: string,
  flowId: string,
  paused: boolean,
  settleTimeoutMs = 15_000,
): Promise<{
  found: boolean;
  targetConnectionId: string | null;
  inFlightAtPause: number;
  settled: boolean;
}> {
  const flow = await db.flow.findFirst({
    where: { id: flowId, tenantId },
    select: { targetConnectionId: true },
  });
  if (!flow) return { found: false, targetConnectionId: null, inFlightAtPause: 0, settled: true };
  await db.flow.updateMany({
    where: { id: flowId, tenantId },
    data: { status: paused ? 'paused' : 'active' },
  });
  const target = flow.targetConnectionId;
  if (!paused)
    return { found: true, targetConnectionId: target, inFlightAtPause: 0, settled: true };
  const inFlight = await countInFlight(db, tenantId, target, flowId);
  const settled = await waitUntilSettled(db, tenantId, target, settleTimeoutMs, flowId);
  return { found: true, targetConnectionId: target, inFlightAtPause: inFlight, settled };
}

async function waitUntilSettled(
  db: Db,
  tenantId: string,
  connectionId: string,
  timeoutMs: number,
  flowId?: string,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await countInFlight(db, tenantId, connectionId, flowId)) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return false;
}
