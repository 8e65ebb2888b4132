// Pause and resume, per connection and per flow. Pausing only stops claiming: ingestion keeps
// accepting and recording, and the paused work waits in the outbox, visible as backlog. A pause
// returns once the commands that were already on their way have settled, so "paused" means
// nothing more goes out. Resuming makes the backlog claimable again; the use case wakes the drain,
// which works it off within the connection's rate limit. A change of status is audited in the
// same database transaction; pausing what is already paused changes nothing and records nothing.
// A pause needs a reason (./pause-reason.ts).
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { ConnectionStatus, Db, FlowStatus } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';
import type { WakeDrains } from '@/lib/queue/wake-drains';
import { countInFlight } from './claim';
import { pauseColumns } from './pause-reason';

export { pauseReasonSchema } from './pause-reason';

const SETTLE_POLL_MS = 100;

/** Who pauses or resumes, for the audit entry written with the status change. */
export interface PauseInput {
  actor: Operator;
  /** why: required to pause (pauseReasonSchema), ignored on resume */
  reason?: string;
  audit?: AuditContext;
  settleTimeoutMs?: number;
  /** a resume wakes the drain of the connection whose backlog it released */
  wake: WakeDrains;
}

export async function setConnectionPaused(
  db: Db,
  tenantId: string,
  connectionId: string,
  paused: boolean,
  input: PauseInput,
): Promise<{
  found: boolean;
  inFlightAtPause: number;
  /** false when commands were still on their way at the timeout (a hung provider call) */
  settled: boolean;
}> {
  const to: ConnectionStatus = paused ? 'paused' : 'active';
  const found = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: ConnectionStatus }[]>`
      SELECT status::text AS status FROM connections
      WHERE id = ${connectionId}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
    if (!row) return false;
    // after the lookup: an id of another tenant answers "not found" whatever the body says
    const columns = pauseColumns(paused, input.reason, input.actor.label);
    if (row.status === to) return true; // nothing changes, nothing to record
    await tx.connection.updateMany({
      where: { id: connectionId, tenantId },
      data: { status: to, ...columns },
    });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: paused ? 'connection.paused' : 'connection.resumed',
        objectType: 'connection',
        objectId: connectionId,
        after: { from: row.status, to },
        ...(columns.pauseReason && { reason: columns.pauseReason }),
      },
    });
    return true;
  });
  if (!found) return { found: false, inFlightAtPause: 0, settled: true };
  if (!paused) {
    await input.wake(tenantId, [connectionId]);
    return { found: true, inFlightAtPause: 0, settled: true };
  }
  const inFlight = await countInFlight(db, tenantId, connectionId);
  const settled = await waitUntilSettled(db, tenantId, connectionId, timeoutOf(input));
  return { found: true, inFlightAtPause: inFlight, settled };
}

export async function setFlowPaused(
  db: Db,
  tenantId: string,
  flowId: string,
  paused: boolean,
  input: PauseInput,
): Promise<{
  found: boolean;
  targetConnectionId: string | null;
  inFlightAtPause: number;
  settled: boolean;
}> {
  const to: FlowStatus = paused ? 'paused' : 'active';
  const target = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: FlowStatus; target: string }[]>`
      SELECT status::text AS status, target_connection_id::text AS target FROM flows
      WHERE id = ${flowId}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
    if (!row) return null;
    if (row.status === 'retired')
      throw new AppError(
        'CONFLICT',
        'this flow is retired: it cannot be paused or resumed — reactivate it by editing the flow',
      );
    const columns = pauseColumns(paused, input.reason, input.actor.label);
    if (row.status === to) return row.target;
    await tx.flow.updateMany({ where: { id: flowId, tenantId }, data: { status: to, ...columns } });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: paused ? 'flow.paused' : 'flow.resumed',
        objectType: 'flow',
        objectId: flowId,
        after: { from: row.status, to },
        ...(columns.pauseReason && { reason: columns.pauseReason }),
      },
    });
    return row.target;
  });
  if (target === null)
    return { found: false, targetConnectionId: null, inFlightAtPause: 0, settled: true };
  if (!paused) {
    await input.wake(tenantId, [target]);
    return { found: true, targetConnectionId: target, inFlightAtPause: 0, settled: true };
  }
  const inFlight = await countInFlight(db, tenantId, target, flowId);
  const settled = await waitUntilSettled(db, tenantId, target, timeoutOf(input), flowId);
  return { found: true, targetConnectionId: target, inFlightAtPause: inFlight, settled };
}

const timeoutOf = (input: PauseInput) => input.settleTimeoutMs ?? 15_000;

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
