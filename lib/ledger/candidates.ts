// Each subscribed flow makes one transaction per inbound object: the rows writeAccepted inserts.
// Webhooks and polls share this so a polled record and a pushed one are keyed the same way.
import { deriveIdempotencyKey } from './idempotency';
import { extractSearchTerms } from './search-terms';
import type { AcceptedWrite } from './write-accepted';

/** What the ledger keeps of one inbound object (an adapter's InboundObject has this shape). */
export interface AcceptedObject {
  sourceObjectId: string;
  businessKey: string;
  sequence?: number;
  stateKey?: string;
  customerEmail?: string;
  /** searched at `searchPaths` for payload search terms */
  payload?: unknown;
}

export function toCandidates(
  flows: readonly { id: string }[],
  objects: readonly AcceptedObject[],
  eventType: string,
  /** the source connection's effective search paths (lib/ledger/search-terms.ts) */
  searchPaths: readonly string[] = [],
): AcceptedWrite['candidates'] {
  // Terms belong to the object, not the flow: extracted once, shared by its transactions.
  const terms = objects.map((o) =>
    flows.length ? extractSearchTerms(o.payload, searchPaths) : [],
  );
  return flows.flatMap((flow) =>
    objects.map((object, i) => ({
      flowId: flow.id,
      businessKey: object.businessKey,
      sourceObjectId: object.sourceObjectId,
      sourceSequence: object.sequence ?? null,
      customerEmail: object.customerEmail?.trim().toLowerCase() || null,
      searchTerms: terms[i] ?? [],
      idempotencyKey: deriveIdempotencyKey(
        flow.id,
        eventType,
        object.sourceObjectId,
        object.stateKey,
      ),
    })),
  );
}
