// Stores a new mapping version: immutable, numbered per flow. Creating does not activate it (that
// is its own, audited step). The flow row is locked while the next number is taken, so concurrent
// creates for one flow get consecutive, distinct numbers; the unique (flow_id, version) index is
// the backstop. Invalid input comes back as per-field errors (a value), not an exception.
import { recordAudit, type AuditActor } from '@/lib/audit';
import { tenantDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { checkMappingDraft, type DraftErrors, type MappingDraftInput } from './mapping-draft';

export interface CreateMappingVersionInput extends MappingDraftInput {
  flowId: string;
  actor: AuditActor;
  requestId?: string | null;
}

export type CreateMappingVersionResult =
  { ok: true; id: string; version: number } | { ok: false; errors: DraftErrors };

export async function createMappingVersion(
  db: Db,
  tenantId: string,
  input: CreateMappingVersionInput,
): Promise<CreateMappingVersionResult> {
  const scoped = tenantDb(db, tenantId);
  const flow = await scoped.flow.findFirst({ where: { id: input.flowId }, select: { id: true } });
  if (!flow) throw new AppError('NOT_FOUND', 'flow not found');
  const systems = (await scoped.connection.findMany({ select: { key: true } })).map((c) => c.key);
  const checked = checkMappingDraft(input, systems);
  if (!checked.ok) return checked;
  const { draft } = checked;

  return scoped.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM flows WHERE id = ${flow.id}::uuid AND tenant_id = ${tenantId}::uuid
      FOR UPDATE`;
    if (locked.length === 0) throw new AppError('NOT_FOUND', 'flow not found');
    const [next] = await tx.$queryRaw<{ version: number }[]>`
      SELECT (coalesce(max(version), 0) + 1)::int AS version FROM mapping_versions
      WHERE flow_id = ${flow.id}::uuid AND tenant_id = ${tenantId}::uuid`;
    const version = next?.version ?? 1;
    const created = await tx.mappingVersion.create({
      data: {
        tenantId,
        flowId: flow.id,
        version,
        expression: draft.expression,
        outputSchema: draft.outputSchema as object,
        statusTable: draft.statusTable,
        fieldOwnership: draft.fieldOwnership,
        note: draft.note,
        createdById: input.actor.userId,
      },
      select: { id: true, version: true },
    });
    await recordAudit(tx, {
      tenantId,
      actor: input.actor,
      requestId: input.requestId ?? null,
      event: {
        action: 'mapping.version_created',
        objectType: 'flow',
        objectId: flow.id,
        before: null,
        after: {
          version,
          mappingVersionId: created.id,
          note: draft.note,
          statusTable: draft.statusTable,
          fieldOwnership: draft.fieldOwnership,
        },
        ...(draft.note && { reason: draft.note }),
      },
    });
    return { ok: true as const, id: created.id, version: created.version };
  });
}
