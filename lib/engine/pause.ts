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
  const inFlight = await countInFlight(db, connectionId);
  const settled = await waitUntilSettled(db, connectionId, settleTimeoutMs);
  return { found: true, inFlightAtPause: inFlight, settled };
}

export async function setFlowPaused(
  db: Db,
  tenantId: string,
  flowId: string,
  paused: boolean,
  settleTimeoutMs = 15_000,
): Promise<{ found: boolean; targetConnectionId: string | null }> {
  const flow = await db.flow.findFirst({
    where: { id: flowId, tenantId },
    select: { targetConnectionId: true },
  });
  if (!flow) return { found: false, targetConnectionId: null };
  await db.flow.updateMany({
    where: { id: flowId, tenantId },
    data: { status: paused ? 'paused' : 'active' },
  });
  if (paused) await waitUntilSettled(db, flow.targetConnectionId, settleTimeoutMs, flowId);
  return { found: true, targetConnectionId: flow.targetConnectionId };
}

async function waitUntilSettled(
  db: Db,
  connectionId: string,
  timeoutMs: number,
  flowId?: string,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM outbox WHERE connection_id = ${connectionId}::uuid
        AND claims > 0 AND available_at > now() AND (${flowId ?? null}::uuid IS NULL OR flow_id = ${flowId ?? null}::uuid)`;
    if (!row || row.n === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return false;
}
