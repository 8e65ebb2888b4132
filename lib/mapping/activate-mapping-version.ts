// Makes a stored version the one the engine uses for this flow's next dispatches. Transactions
// already sent keep the version they were sent with (transactions.mapping_version_id).
import type { AuditActor } from '@/lib/audit';
import { tenantDb, type Db } from '@/lib/db';
import { lockFlow, switchActiveVersion } from './switch-active-version';

export async function activateMappingVersion(
  db: Db,
  tenantId: string,
  input: {
    flowId: string;
    version: number;
    actor: AuditActor;
    requestId?: string | null;
    reason?: string;
  },
): Promise<{ version: number; previousVersion: number | null }> {
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const flow = await lockFlow(tx, tenantId, input.flowId);
    return switchActiveVersion(tx, tenantId, flow, { ...input, action: 'mapping.activated' });
  });
}
