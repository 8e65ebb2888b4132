// Ends a rotation's overlap now: the previous webhook secret stops verifying immediately (the
// provider has switched, or the old secret leaked). Nothing to end records nothing.
import { auditActorOf, recordAudit } from '@/lib/audit';
import { tenantDb, type Db } from '@/lib/db';
import { clearIngestTargetCache } from '@/lib/ingest/resolve-target';
import { lockConnection, type ConfigActor } from './connection-record';

export async function endWebhookOverlap(
  db: Db,
  tenantId: string,
  connectionId: string,
  by: ConfigActor,
): Promise<{ ended: boolean }> {
  const result = await tenantDb(db, tenantId).$transaction(async (tx) => {
    const row = await lockConnection(tx, tenantId, connectionId);
    const now = new Date();
    const active =
      row.previousSecretEncrypted !== null &&
      row.webhookSecretOverlapUntil !== null &&
      row.webhookSecretOverlapUntil > now;
    if (!row.previousSecretEncrypted && !row.webhookSecretOverlapUntil) return { ended: false };
    await tx.connection.update({
      where: { id: connectionId },
      data: { previousSecretEncrypted: null, webhookSecretOverlapUntil: null },
      select: { id: true },
    });
    if (!active) return { ended: false }; // an expired leftover: cleaned, nothing to record
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(by.actor),
      requestId: by.audit?.requestId ?? null,
      at: now,
      event: {
        action: 'connection.webhook_overlap_ended',
        objectType: 'connection',
        objectId: connectionId,
        after: {
          previousAcceptedUntil: now.toISOString(),
          wasAcceptedUntil: row.webhookSecretOverlapUntil?.toISOString() ?? null,
        },
      },
    });
    return { ended: true };
  });
  clearIngestTargetCache();
  return result;
}
