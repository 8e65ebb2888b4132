// Mapping writes of an apply: a new version keeps the number the document gives it (the plan
// made sure it comes after every stored one), is audited like the editor's create, and switching
// the active version goes through lib/mapping's own switchActiveVersion inside this transaction.
import { lockFlow, switchActiveVersion } from '@/lib/mapping/switch-active-version';
import { audit, idOf, type ApplyContext } from './apply-context';
import type { MappingVersionDoc } from './document';

export async function addMappingVersion(
  ctx: ApplyContext,
  flowKey: string,
  v: MappingVersionDoc,
  activate: boolean,
): Promise<void> {
  const flowId = idOf(ctx.ids.flows, flowKey, 'flow');
  const created = await ctx.tx.mappingVersion.create({
    data: {
      tenantId: ctx.tenantId,
      flowId,
      version: v.version,
      expression: v.expression,
      outputSchema: v.outputSchema,
      statusTable: v.statusTable,
      fieldOwnership: v.fieldOwnership,
      note: v.note,
      createdById: ctx.actor.userId,
    },
    select: { id: true },
  });
  await audit(ctx, {
    action: 'mapping.version_created',
    objectType: 'flow',
    objectId: flowId,
    before: null,
    after: {
      version: v.version,
      mappingVersionId: created.id,
      note: v.note,
      statusTable: v.statusTable,
      fieldOwnership: v.fieldOwnership,
    },
    ...(v.note && { reason: v.note }),
  });
  if (activate) await activateMappingVersion(ctx, flowKey, v.version);
}

export async function activateMappingVersion(
  ctx: ApplyContext,
  flowKey: string,
  version: number,
): Promise<void> {
  const flow = await lockFlow(ctx.tx, ctx.tenantId, idOf(ctx.ids.flows, flowKey, 'flow'));
  await switchActiveVersion(ctx.tx, ctx.tenantId, flow, {
    version,
    action: 'mapping.activated',
    actor: ctx.actor,
    requestId: ctx.requestId,
    reason: 'configuration applied',
  });
}
