// The audit log shows what a mapping change changed, inline: for an activation or a rollback the
// versions before and after, for a new version the one before it. Versions are immutable, so the
// diff read today is the diff of that day. One query for the whole page, tenant-scoped. (lib/audit
// sits below lib/mapping, so the audit screen asks here rather than lib/audit computing diffs.)
import { isUuid } from '@/lib/base/uuid';
import { tenantDb, type Db } from '@/lib/db';
import { diffMappings, type MappingDiff } from './mapping-diff';

export interface AuditMappingEntry {
  id: string;
  action: string;
  object: { type: string; id: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const versionIn = (snap: Record<string, unknown> | null): number | null =>
  typeof snap?.version === 'number' && Number.isSafeInteger(snap.version) ? snap.version : null;

/** The two versions an entry is about, or null when it is not a mapping change with two sides. */
export function mappingPairOf(e: AuditMappingEntry): { from: number; to: number } | null {
  if (e.object.type !== 'flow' || !isUuid(e.object.id)) return null;
  const to = versionIn(e.after);
  if (to === null) return null;
  switch (e.action) {
    case 'mapping.activated':
    case 'mapping.rolled_back': {
      const from = versionIn(e.before);
      return from === null ? null : { from, to };
    }
    case 'mapping.version_created':
      return to > 1 ? { from: to - 1, to } : null;
    default:
      return null;
  }
}

/** Entry id -> the diff of its two versions (entries whose versions are gone are left out). */
export async function mappingDiffsForAudit(
  db: Db,
  tenantId: string,
  entries: readonly AuditMappingEntry[],
): Promise<Map<string, MappingDiff>> {
  const pairs = entries.flatMap((e) => {
    const pair = mappingPairOf(e);
    return pair ? [{ entryId: e.id, flowId: e.object.id, ...pair }] : [];
  });
  const diffs = new Map<string, MappingDiff>();
  if (pairs.length === 0) return diffs;
  const versions = await tenantDb(db, tenantId).mappingVersion.findMany({
    where: {
      OR: pairs.map((p) => ({ flowId: p.flowId, version: { in: [p.from, p.to] } })),
    },
    select: {
      flowId: true,
      version: true,
      expression: true,
      outputSchema: true,
      statusTable: true,
      fieldOwnership: true,
      note: true,
    },
  });
  const find = (flowId: string, version: number) =>
    versions.find((v) => v.flowId === flowId && v.version === version);
  for (const p of pairs) {
    const a = find(p.flowId, p.from);
    const b = find(p.flowId, p.to);
    if (a && b) diffs.set(p.entryId, diffMappings(a, b));
  }
  return diffs;
}
