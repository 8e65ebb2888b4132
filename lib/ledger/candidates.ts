// Each subscribed flow makes one transaction per inbound object: the rows writeAccepted inserts.
// Webhooks and polls share this so a polled record and a pushed one are keyed the same way.
import { deriveIdempotencyKey } from './idempotency';
import type { AcceptedWrite } from './write-accepted';

/** What the ledger keeps of one inbound object (an adapter's InboundObject has this shape). */
export interface AcceptedObject {
  sourceObjectId: string;
  businessKey: string;
  sequence?: number;
  stateKey?: string;
  customerEmail?: string;
}

export function toCandidates(
  flows: readonly { id: string }[],
  objects: readonly AcceptedObject[],
  eventType: string,
): AcceptedWrite['candidates'] {
  return flows.flatMap((flow) =>
    objects.map((object) => ({
      flowId: flow.id,
      businessKey: object.businessKey,
      sourceObjectId: object.sourceObjectId,
      sourceSequence: object.sequence ?? null,
      customerEmail: object.customerEmail?.trim().toLowerCase() || null,
      idempotencyKey: deriveIdempotencyKey(
        flow.id,
        eventType,
        object.sourceObjectId,
        object.stateKey,
      ),
    })),
  );
}
