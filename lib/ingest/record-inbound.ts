// Ledger first: a webhook is verified over its raw bytes, then the inbound event, the transaction
// of every subscribed flow, their first timeline entries and their outbox rows are written in ONE
// database transaction. The caller answers 2xx only after this returns, i.e. after commit.
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db, InboundStatus, SignatureVerdict } from '@/lib/db';
import { tenantDb } from '@/lib/db';
import { adapterFor } from '@/lib/providers/registry';
import type { ParsedWebhook, WebhookSource } from '@/lib/providers/port';
import { toCandidates } from '@/lib/ledger/candidates';
import { effectiveSearchPaths } from '@/lib/ledger/search-paths';
import { writeAccepted } from '@/lib/ledger/write-accepted';
import { headerProblem, inboundProblem } from './inbound-bounds';
import type { Admission } from './ingest-limits';
import { recordRefusal } from './record-refusal';
import { resolveIngestTarget, type IngestTarget } from './resolve-target';
import { storedHeaders } from './stored-headers';
import type { WakeDrains } from '@/lib/queue/wake-drains';

/** Rejected bodies are kept for the operator, but only their head: they are untrusted. */
const REJECTED_BODY_LIMIT = 16 * 1024;
/** refused deliveries kept per connection when the caller names no number (INGEST_REFUSED_KEEP) */
export const DEFAULT_REFUSED_KEEP = 100;

export interface IngestInput {
  tenantSlug: string;
  connectionKey: string;
  /** what followed the connection key in the path: a path-token connection's proof, never stored */
  pathToken?: string;
  rawBody: Buffer;
  headers: Headers;
  /** the body exceeded the size limit; rawBody holds only its head */
  tooLarge: boolean;
  sizeBytes: number;
}

export type RejectionCode =
  'PAYLOAD_TOO_LARGE' | 'INVALID_SIGNATURE' | 'INVALID_JSON' | 'VALIDATION_FAILED';

export type IngestOutcome =
  | {
      kind: 'accepted';
      inboundEventId: string;
      tenantId: string;
      transactionIds: string[];
      targetConnectionIds: string[];
    }
  | { kind: 'duplicate'; inboundEventId: string; duplicateOfId: string }
  | { kind: 'ignored'; inboundEventId: string; reason: string }
  | { kind: 'rejected'; code: RejectionCode; reason: string; inboundEventId: string }
  /** refused, and past the refused-deliveries limit: answered 429, nothing written */
  | { kind: 'limited'; retryAfterSeconds: number };

export interface IngestDeps {
  db: Db;
  keyRing: KeyRing;
  /** wakes the target connections' drains after an accepted delivery commits */
  wake: WakeDrains;
  /** refused deliveries: the flood limit asked before one is written, and how many are kept;
   *  without it (scripts, tests) no limit applies and DEFAULT_REFUSED_KEEP are kept */
  refusals?: { admit: () => Promise<Admission>; keep: number };
}

export async function recordInbound(deps: IngestDeps, input: IngestInput): Promise<IngestOutcome> {
  const target = await resolveIngestTarget(
    deps.db,
    deps.keyRing,
    input.tenantSlug,
    input.connectionKey,
  );
  const adapter = adapterFor(target);
  const source = adapter.webhook;
  if (!source)
    return reject(
      deps,
      target,
      input,
      'missing',
      // answered like a bad signature: nothing could sign for it, and it names no existence
      'INVALID_SIGNATURE',
      'this connection does not receive webhooks',
    );
  if (input.tooLarge)
    return reject(
      deps,
      target,
      input,
      'missing',
      'PAYLOAD_TOO_LARGE',
      `body of ${input.sizeBytes} bytes exceeds the limit`,
      source,
    );

  // A token in the path of a connection that verifies signatures is a wrong path, answered as one.
  const verdict =
    input.pathToken !== undefined && !source.pathToken
      ? 'invalid'
      : source.verify(input.rawBody, input.headers, target.secrets, new Date(), {
          ...(input.pathToken !== undefined && { pathToken: input.pathToken }),
        });
  if (verdict !== 'valid')
    return reject(
      deps,
      target,
      input,
      verdict,
      'INVALID_SIGNATURE',
      `signature ${verdict}`,
      source,
    );

  const badHeader = headerProblem(input.headers);
  if (badHeader)
    return reject(deps, target, input, verdict, 'VALIDATION_FAILED', badHeader, source);
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    return reject(deps, target, input, verdict, 'INVALID_JSON', 'body is not valid JSON', source);
  }
  const parsed = await source.parse(input.rawBody, json, input.headers);
  if (!parsed.ok)
    return reject(deps, target, input, verdict, 'VALIDATION_FAILED', parsed.reason, source);
  const tooBig = inboundProblem(parsed.webhook);
  if (tooBig) return reject(deps, target, input, verdict, 'VALIDATION_FAILED', tooBig, source);
  const searchPaths = effectiveSearchPaths(target.searchPaths, adapter.searchPaths ?? []);
  return accept(deps, target, input, parsed.webhook, source, searchPaths);
}

async function accept(
  deps: IngestDeps,
  target: IngestTarget,
  input: IngestInput,
  webhook: ParsedWebhook,
  source: WebhookSource,
  searchPaths: readonly string[],
): Promise<IngestOutcome> {
  const flows = target.flows.filter((f) => f.eventType === webhook.eventType);
  const status: InboundStatus =
    flows.length > 0 && webhook.objects.length > 0 ? 'accepted' : 'ignored';
  const row = {
    tenantId: target.tenantId,
    connectionId: target.connectionId,
    headers: storedHeaders(input.headers, source.secretHeaders),
    body: input.rawBody.toString('utf8'),
    sizeBytes: input.sizeBytes,
  };

  const written = await writeAccepted(deps.db, {
    ...row,
    providerEventId: webhook.providerEventId,
    topic: webhook.topic,
    status,
    summary: `${webhook.topic} received from ${target.connectionName}`,
    // The same business event re-emitted under a new provider event id maps to the same keys:
    // existing transactions are not created again.
    candidates:
      status === 'ignored'
        ? []
        : toCandidates(flows, webhook.objects, webhook.eventType ?? webhook.topic, searchPaths),
  });

  if (written) {
    // After commit: the fast path to dispatch (the sweep is the safety net). Not awaited: the
    // sender's answer does not wait for Redis, and a failed wake-up is logged, never thrown.
    void deps.wake(target.tenantId, written.targetConnectionIds);
    return status === 'ignored'
      ? {
          kind: 'ignored',
          inboundEventId: written.inboundEventId,
          reason: `no flow subscribes to ${webhook.topic}`,
        }
      : {
          kind: 'accepted',
          inboundEventId: written.inboundEventId,
          tenantId: target.tenantId,
          transactionIds: written.transactionIds,
          targetConnectionIds: written.targetConnectionIds,
        };
  }
  return recordDuplicate(deps, target, row, webhook.providerEventId, webhook.topic);
}

interface InboundRow {
  tenantId: string;
  connectionId: string;
  headers: Record<string, string>;
  body: string;
  sizeBytes: number;
}

async function recordDuplicate(
  deps: IngestDeps,
  target: IngestTarget,
  row: InboundRow,
  providerEventId: string,
  topic: string,
): Promise<IngestOutcome> {
  const db = tenantDb(deps.db, target.tenantId);
  const original = await db.inboundEvent.findFirstOrThrow({
    where: { connectionId: target.connectionId, dedupeKey: providerEventId },
    select: { id: true },
  });
  const duplicate = await db.inboundEvent.create({
    data: {
      ...row,
      providerEventId,
      topic,
      signatureVerdict: 'valid',
      status: 'duplicate',
      dedupeKey: null,
      duplicateOfId: original.id,
    },
    select: { id: true },
  });
  return { kind: 'duplicate', inboundEventId: duplicate.id, duplicateOfId: original.id };
}

async function reject(
  deps: IngestDeps,
  target: IngestTarget,
  input: IngestInput,
  verdict: SignatureVerdict,
  code: RejectionCode,
  reason: string,
  source?: WebhookSource,
): Promise<IngestOutcome> {
  // A rejection changes nothing that was accepted; it only leaves a trace for the operator —
  // within the flood limit, and only the latest few per connection (lib/ingest/record-refusal.ts).
  const admitted = (await deps.refusals?.admit()) ?? { ok: true };
  if (!admitted.ok) return { kind: 'limited', retryAfterSeconds: admitted.retryAfterSeconds };
  const inboundEventId = await recordRefusal(deps.db, {
    tenantId: target.tenantId,
    connectionId: target.connectionId,
    verdict,
    reason,
    headers: storedHeaders(input.headers, source?.secretHeaders ?? []),
    body: input.rawBody.subarray(0, REJECTED_BODY_LIMIT).toString('utf8').replaceAll('\u0000', ''), // PostgreSQL text cannot hold NUL
    sizeBytes: input.sizeBytes,
    keep: deps.refusals?.keep ?? DEFAULT_REFUSED_KEEP,
  });
  return { kind: 'rejected', code, reason, inboundEventId };
}
