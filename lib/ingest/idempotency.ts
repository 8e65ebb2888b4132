import { createHash } from 'node:crypto';

/**
 * One flow processing one source object for one event type happens once, whatever the provider
 * redelivers or re-emits. The key is sent with every outbound command of the transaction.
 */
export function deriveIdempotencyKey(
  flowId: string,
  eventType: string,
  sourceObjectId: string,
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([flowId, eventType, sourceObjectId]))
    .digest('base64url');
  return `wb_${digest.slice(0, 32)}`;
}
