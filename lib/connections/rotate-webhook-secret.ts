// Webhook secret rotation: the admin enters the new secret the provider issued. The current secret
// becomes the previous one and still verifies until now + overlap, so deliveries the provider
// signed before it switched are not refused; with no overlap it stops verifying at once.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { tenantDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { clearIngestTargetCache } from '@/lib/ingest/resolve-target';
import { adapterFor } from '@/lib/providers/registry';
import * as rules from './connection-input';
import { lockConnection, secretState, type ConfigActor } from './connection-record';

const rotateInput = z.object({ secret: rules.webhookSecret, overlap: rules.overlapChoice });

export type RotateWebhookSecretInput = z.input<typeof rotateInput>;

export async function rotateWebhookSecret(
  db: Db,
  tenantId: string,
  connectionId: string,
  input: RotateWebhookSecretInput,
  by: ConfigActor & { keyRing: KeyRing; now?: Date },
): Promise<{ previousAcceptedUntil: Date | null }> {
  const data = rules.parseOrRefuse(rotateInput, input);
  const now = by.now ?? new Date();
  const result = await tenantDb(db, tenantId).$transaction(async (tx) => {
    const row = await lockConnection(tx, tenantId, connectionId);
    const webhook = adapterFor(row).webhook;
    if (!webhook) throw new AppError('VALIDATION_FAILED', 'this provider sends no webhooks');
    rules.refuseShortPathToken(webhook.pathToken, data.secret);
    const current = row.webhookSecretEncrypted;
    if (current && openOrNull(by.keyRing, current) === data.secret)
      throw new AppError('VALIDATION_FAILED', 'secret: this is the secret already in use', {
        fieldErrors: { secret: ['this is the secret already in use; enter the new one'] },
      });
    const overlapMs = rules.OVERLAP_CHOICES[data.overlap];
    const keepPrevious = current !== null && overlapMs > 0;
    const until = keepPrevious ? new Date(now.getTime() + overlapMs) : null;
    const sealed = by.keyRing.seal(data.secret);
    await tx.connection.update({
      where: { id: connectionId },
      data: {
        webhookSecretEncrypted: sealed,
        previousSecretEncrypted: keepPrevious ? current : null,
        webhookSecretOverlapUntil: until,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(by.actor),
      requestId: by.audit?.requestId ?? null,
      at: now,
      event: {
        action: 'connection.webhook_secret_rotated',
        objectType: 'connection',
        objectId: connectionId,
        after: {
          webhookSigning: secretState(sealed, now),
          overlap: data.overlap,
          previousAcceptedUntil: until?.toISOString() ?? null,
        },
      },
    });
    return { previousAcceptedUntil: until };
  });
  // This process answers with the new secret at once; others within the ingest cache's few seconds.
  clearIngestTargetCache();
  return result;
}

/** A current secret under a key that left the ring cannot be compared; rotating replaces it. */
function openOrNull(keyRing: KeyRing, sealed: string): string | null {
  try {
    return keyRing.open(sealed);
  } catch {
    return null;
  }
}
