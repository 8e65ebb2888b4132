// The one place that changes which mapping version a flow uses, for activate and roll back: inside
// their transaction, with the flow row locked so two switches (or a switch and a create) for the
// same flow run one after the other and the audit's before/after are exactly what happened.
import { recordAudit, type AuditActor } from '@/lib/audit';
import type { TenantTx } from '@/lib/db';
import { AppError } from '@/lib/errors';

export interface LockedFlow {
  id: string;
  activeVersion: number | null;
  activeVersionId: string | null;
}

export async function lockFlow(
  tx: TenantTx,
  tenantId: string,
  flowId: string,
): Promise<LockedFlow> {
  const [flow] = await tx.$queryRaw<
    { id: string; active_version: number | null; active_id: string | null }[]
  >`
    SELECT f.id::text, m.version AS active_version, m.id::text AS active_id
    FROM flows f
    LEFT JOIN mapping_versions m ON m.id = f.active_mapping_version_id AND m.tenant_id = f.tenant_id
    WHERE f.id = ${flowId}::uuid AND f.tenant_id = ${tenantId}::uuid
    FOR UPDATE OF f`;
  if (!flow) throw new AppError('NOT_FOUND', 'flow not found');
  return { id: flow.id, activeVersion: flow.active_version, activeVersionId: flow.active_id };
}

export async function switchActiveVersion(
  tx: TenantTx,
  tenantId: string,
  flow: LockedFlow,
  input: {
    version: number;
    action: 'mapping.activated' | 'mapping.rolled_back';
    actor: AuditActor;
    requestId?: string | null;
    reason?: string;
  },
): Promise<{ version: number; previousVersion: number | null }> {
  const target = await tx.mappingVersion.findFirst({
    where: { flowId: flow.id, version: input.version },
    select: { id: true, version: true },
  });
  if (!target) throw new AppError('NOT_FOUND', `version ${input.version} of this flow not found`);
  if (target.id === flow.activeVersionId)
    throw new AppError('CONFLICT', `version ${target.version} is already active`);
  await tx.flow.updateMany({
    where: { id: flow.id },
    data: { activeMappingVersionId: target.id },
  });
  const snapshot = (version: number | null, id: string | null) =>
    version === null ? null : { version, mappingVersionId: id };
  await recordAudit(tx, {
    tenantId,
    actor: input.actor,
    requestId: input.requestId ?? null,
    event: {
      action: input.action,
      objectType: 'flow',
      objectId: flow.id,
      before: snapshot(flow.activeVersion, flow.activeVersionId),
      after: snapshot(target.version, target.id),
      ...(input.reason && { reason: input.reason }),
    },
  });
  return { version: target.version, previousVersion: flow.activeVersion };
}
