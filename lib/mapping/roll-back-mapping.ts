// Returns a flow to the version that was active before the current one (lib/mapping/
// activation-history.ts says which). Nothing earlier (only one version ever active) is a conflict
// the screen explains, not an error.
import type { AuditActor } from '@/lib/audit';
import { tenantDb, type Db, type TenantTx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { rollbackTarget, type ActivationRecord } from './activation-history';
import { lockFlow, switchActiveVersion } from './switch-active-version';

export async function rollBackMapping(
  db: Db,
  tenantId: string,
  input: { flowId: string; actor: AuditActor; requestId?: string | null; reason?: string },
): Promise<{ version: number; previousVersion: number | null }> {
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const flow = await lockFlow(tx, tenantId, input.flowId);
    if (flow.activeVersion === null)
      throw new AppError('CONFLICT', 'this flow has no active mapping version to roll back from');
    const history = await readActivationHistory(tx, tenantId, flow.id);
    const versions = await tx.mappingVersion.findMany({
      where: { flowId: flow.id },
      select: { version: true },
    });
    const target = rollbackTarget(
      history,
      flow.activeVersion,
      versions.map((v) => v.version),
    );
    if (target === null)
      throw new AppError(
        'CONFLICT',
        `no version was active before version ${flow.activeVersion}: there is nothing to roll back to`,
      );
    return switchActiveVersion(tx, tenantId, flow, {
      version: target,
      action: 'mapping.rolled_back',
      actor: input.actor,
      requestId: input.requestId,
      reason: input.reason,
    });
  });
}

/** The flow's activations and rollbacks in the order they happened (the audit log is the record);
 *  also read by the flow page, which names the version "Roll back" returns to. */
export function readActivationHistory(
  db: Pick<TenantTx, '$queryRaw'> | Pick<Db, '$queryRaw'>,
  tenantId: string,
  flowId: string,
): Promise<ActivationRecord[]> {
  return db.$queryRaw<ActivationRecord[]>`
    SELECT action, (before->>'version')::int AS before, (after->>'version')::int AS after
    FROM audit_entries
    WHERE tenant_id = ${tenantId}::uuid AND object_type = 'flow' AND object_id = ${flowId}
      AND action IN ('mapping.activated', 'mapping.rolled_back')
    ORDER BY seq`;
}
