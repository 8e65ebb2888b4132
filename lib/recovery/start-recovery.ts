// Starts a guided recovery of a connection that is paused or whose circuit is open: fixes the
// outage's start (recovery-facts.ts), counts what waits, and records both with the audit entry in
// one database transaction. A connection has at most one active recovery: starting again returns
// it (the connection row is locked, so two people starting at once get the same one).
import type { Db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { auditStep, type StepBy } from './recovery-record';
import { outageStart, totalsOf, waitingByFlow } from './recovery-facts';

const ACTIVE = ['open', 'draining', 'reconciling'] as const;

export async function startRecovery(
  db: Db,
  tenantId: string,
  connectionId: string,
  by: StepBy,
): Promise<{ recoveryId: string; created: boolean }> {
  return db.$transaction(async (tx) => {
    const [c] = await tx.$queryRaw<
      {
        name: string;
        status: string;
        pausedAt: Date | null;
        pauseReason: string | null;
        circuitState: string;
        circuitChangedAt: Date | null;
        lastError: string | null;
      }[]
    >`
      SELECT name, status::text AS status, paused_at AS "pausedAt", pause_reason AS "pauseReason",
        circuit_state::text AS "circuitState", circuit_changed_at AS "circuitChangedAt",
        last_error AS "lastError"
      FROM connections WHERE id = ${connectionId}::uuid AND tenant_id = ${tenantId}::uuid
      FOR UPDATE`;
    if (!c) throw notFound('connection');
    const active = await tx.recovery.findFirst({
      where: { tenantId, connectionId, state: { in: [...ACTIVE] } },
      select: { id: true },
    });
    if (active) return { recoveryId: active.id, created: false };
    const paused = c.status === 'paused';
    if (!paused && c.circuitState === 'closed')
      throw new AppError(
        'CONFLICT',
        `${c.name} is active and its circuit is closed: there is nothing to recover. Pause it first to hold its work while you fix what is wrong.`,
      );
    const now = new Date();
    const stoppedAt = (paused ? c.pausedAt : c.circuitChangedAt) ?? now;
    const outageFrom = await outageStart(tx, tenantId, connectionId, stoppedAt);
    const waiting = totalsOf(await waitingByFlow(tx, tenantId, connectionId, outageFrom));
    const cause = paused ? 'paused' : 'circuit_open';
    const causeDetail = paused ? c.pauseReason : c.lastError;
    const recovery = await tx.recovery.create({
      data: {
        tenantId,
        connectionId,
        cause,
        causeDetail,
        outageFrom,
        waitingAtStart: waiting.held,
        failedAtStart: waiting.failed,
        startedById: by.actor.id,
        startedBy: by.actor.label,
        startedAt: now,
      },
      select: { id: true },
    });
    await auditStep(tx, tenantId, recovery.id, by, 'recovery.started', {
      connection: c.name,
      cause,
      outageFrom: outageFrom.toISOString(),
      held: waiting.held,
      failed: waiting.failed,
    });
    return { recoveryId: recovery.id, created: true };
  });
}
