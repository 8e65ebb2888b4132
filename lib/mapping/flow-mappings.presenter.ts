// Read models of the Flows screens: the flows with their active mapping version, and one flow with
// its version history (who, when, note, which is active), the version "Roll back" returns to, the
// active version's content to prefill the editor, payloads of its source usable for a test run
// (failed first; test-payloads.presenter.ts), and a diff between two
// versions. Everything goes through the tenant-scoped client: another tenant's flow is NOT_FOUND.
import { own } from '@/lib/base/own';
import { adapterFor } from '@/lib/providers/registry';
import type { Db, FlowStatus } from '@/lib/db';
import { tenantDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { rollbackTarget } from './activation-history';
import { diffMappings, stableJson, type MappingDiff } from './mapping-diff';
import { readActivationHistory } from './roll-back-mapping';
import { listTestPayloads } from './test-payloads.presenter';

export async function listFlowMappings(db: Db, tenantId: string) {
  const flows = await tenantDb(db, tenantId).flow.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      status: true,
      eventType: true,
      operation: true,
      sourceConnection: { select: { name: true } },
      targetConnection: { select: { name: true } },
      activeMappingVersion: { select: { version: true, createdAt: true } },
      _count: { select: { mappingVersions: true } },
    },
  });
  return flows.map((f) => ({
    id: f.id,
    name: f.name,
    status: f.status satisfies FlowStatus,
    source: f.sourceConnection.name,
    target: f.targetConnection.name,
    eventType: f.eventType,
    operation: f.operation,
    activeVersion: f.activeMappingVersion?.version ?? null,
    activeSince: f.activeMappingVersion?.createdAt.toISOString() ?? null,
    versionCount: f._count.mappingVersions,
  }));
}
export type FlowMappingRow = Awaited<ReturnType<typeof listFlowMappings>>[number];

export async function getFlowMappings(db: Db, tenantId: string, flowId: string) {
  const scoped = tenantDb(db, tenantId);
  const flow = await scoped.flow.findFirst({
    where: { id: flowId },
    select: {
      id: true,
      name: true,
      status: true,
      eventType: true,
      operation: true,
      sourceConnectionId: true,
      sourceConnection: { select: { name: true } },
      targetConnection: { select: { name: true, key: true, provider: true, settings: true } },
      activeMappingVersionId: true,
    },
  });
  if (!flow) throw new AppError('NOT_FOUND', 'flow not found');
  const versions = await scoped.mappingVersion.findMany({
    where: { flowId: flow.id },
    orderBy: { version: 'desc' },
    select: {
      id: true,
      version: true,
      note: true,
      createdById: true,
      createdAt: true,
      expression: true,
      outputSchema: true,
      statusTable: true,
      fieldOwnership: true,
    },
  });
  const authorIds = [...new Set(versions.flatMap((v) => (v.createdById ? [v.createdById] : [])))];
  // Users are not tenant rows; the ids come from this tenant's versions.
  const authors = new Map(
    (
      await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })
    ).map((u) => [u.id, u.name]),
  );
  const active = versions.find((v) => v.id === flow.activeMappingVersionId) ?? null;
  // The same answer the roll-back use case will reach, so the button names its target and shows
  // only where there is one.
  const rollBackTo = active
    ? rollbackTarget(
        await readActivationHistory(db, tenantId, flow.id),
        active.version,
        versions.map((v) => v.version),
      )
    : null;
  return {
    id: flow.id,
    name: flow.name,
    status: flow.status,
    eventType: flow.eventType,
    operation: flow.operation,
    source: flow.sourceConnection.name,
    target: flow.targetConnection.name,
    /** the target validates a command without writing it: a test run may ask it live */
    liveTestRun: offersDryRun(flow.targetConnection, flow.operation),
    activeVersion: active?.version ?? null,
    /** the version "Roll back" would activate; null: nothing to roll back to */
    rollBackTo,
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      createdAt: v.createdAt.toISOString(),
      // no author: seeded or created by the system
      createdBy: v.createdById ? (authors.get(v.createdById) ?? 'a former member') : 'system',
      active: v.id === flow.activeMappingVersionId,
    })),
    /** what the editor starts from: the active version (or the newest), as editable text */
    draft: draftOf(active ?? versions[0] ?? null),
    testPayloads: await listTestPayloads(db, tenantId, flow),
  };
}
export type FlowMappings = Awaited<ReturnType<typeof getFlowMappings>>;

function draftOf(
  v: {
    expression: string;
    outputSchema: unknown;
    statusTable: unknown;
    fieldOwnership: unknown;
  } | null,
) {
  return {
    expression: v?.expression ?? '',
    outputSchema: stableJson(v?.outputSchema ?? {}),
    statusTable: stableJson(v?.statusTable ?? {}),
    fieldOwnership: stableJson(v?.fieldOwnership ?? {}),
  };
}

/** Two versions of one flow, compared; either number missing is NOT_FOUND. */
export async function getMappingDiff(
  db: Db,
  tenantId: string,
  flowId: string,
  from: number,
  to: number,
): Promise<MappingDiff> {
  const versions = await tenantDb(db, tenantId).mappingVersion.findMany({
    where: { flowId, version: { in: [from, to] } },
    select: {
      version: true,
      expression: true,
      outputSchema: true,
      statusTable: true,
      fieldOwnership: true,
      note: true,
    },
  });
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a || !b) throw new AppError('NOT_FOUND', `version ${!a ? from : to} of this flow not found`);
  return diffMappings(a, b);
}

/** Whether the target's operation has a validate-only request (only configured ones set the key). */
function offersDryRun(target: { provider: string; settings: unknown }, operation: string): boolean {
  const op = own(adapterFor(target).operations, operation);
  return op !== undefined && 'dryRun' in op;
}
