// The stored recovery as the step use cases read it: locked for the step (two people pressing the
// same button run one after the other, and the second is told the step was taken), checked for
// its turn (recovery-steps.ts), and its audit entry written in the same database transaction.
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';
import { nextStepError, type RecoveryState, type StepAction } from './recovery-steps';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Who takes a step, and the request it came with. */
export interface StepBy {
  actor: Operator;
  audit?: AuditContext;
}

export interface LockedRecovery {
  id: string;
  connectionId: string;
  connectionName: string;
  connectionStatus: 'active' | 'paused';
  state: RecoveryState;
  outageFrom: Date;
  fixConfirmedAt: Date | null;
  previewedAt: Date | null;
  preflightId: string | null;
  drainStartedAt: Date | null;
  outageTo: Date | null;
}

/** The recovery, locked, when `action` is its next step; refused in words otherwise. */
export async function lockForStep(
  tx: Tx,
  tenantId: string,
  recoveryId: string,
  action: StepAction,
): Promise<LockedRecovery> {
  const [row] = await tx.$queryRaw<LockedRecovery[]>`
    SELECT r.id::text, r.connection_id::text AS "connectionId", c.name AS "connectionName",
      c.status::text AS "connectionStatus", r.state::text AS state, r.outage_from AS "outageFrom",
      r.fix_confirmed_at AS "fixConfirmedAt", r.previewed_at AS "previewedAt",
      r.preflight_id::text AS "preflightId", r.drain_started_at AS "drainStartedAt",
      r.outage_to AS "outageTo"
    FROM recoveries r JOIN connections c ON c.id = r.connection_id
    WHERE r.id = ${recoveryId}::uuid AND r.tenant_id = ${tenantId}::uuid
    FOR UPDATE OF r`;
  if (!row) throw notFound('recovery');
  const refusal = nextStepError(row, action);
  if (refusal) throw new AppError('CONFLICT', refusal);
  return row;
}

export function auditStep(
  tx: Tx,
  tenantId: string,
  recoveryId: string,
  by: StepBy,
  action:
    | 'recovery.started'
    | 'recovery.fix_confirmed'
    | 'recovery.previewed'
    | 'recovery.drain_started'
    | 'recovery.reconcile_started'
    | 'recovery.completed'
    | 'recovery.abandoned',
  after: Record<string, unknown>,
  reason?: string,
) {
  return recordAudit(tx, {
    tenantId,
    actor: auditActorOf(by.actor),
    requestId: by.audit?.requestId ?? null,
    event: {
      action,
      objectType: 'recovery',
      objectId: recoveryId,
      after,
      ...(reason && { reason }),
    },
  });
}
