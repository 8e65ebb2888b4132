import { createHash } from 'node:crypto';

/**
 * One flow processing one source object for one event type happens once, whatever the provider
 * redelivers or re-emits. The key is sent with every outbound command of the transaction.
 */
export function deriveIdempotencyKey(
  flowId: string,
  eventType: string,
  sourceObjectId: string,
  /** a state of the object that needs its own transaction (a shipment's SENT, then COMPLETE) */
  stateKey?: string,
): string {
  const identity = [flowId, eventType, sourceObjectId, ...(stateKey ? [stateKey] : [])];
  const digest = createHash('sha256').update(JSON.stringify(identity)).digest('base64url');
  return `wb_${digest.slice(0, 32)}`;
}
