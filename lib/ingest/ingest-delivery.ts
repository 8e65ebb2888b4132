// The webhook receiver itself, behind both of its HTTP edges (the Next route of lib/http/ingest-route.ts
// and the dedicated receiver process of receiver/): flood limits first (ingest-limits.ts), bounded
// body read, a deadline on the ledger write, answers by outcome. Any failure to commit answers 503 —
// never 2xx — so the sender redelivers. An unknown tenant or connection is answered exactly like a
// bad signature, so the answers tell nobody which tenants and connections exist; only a segment no
// tenant or connection could have (pathSegmentProblem) hears 400 with the reason. The edges only
// turn a request into an IngestDelivery and an IngestAnswer into their kind of response.
import { randomUUID } from 'node:crypto';
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import type { Logger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import type { WakeDrains } from '@/lib/queue/wake-drains';
import { pathSegmentProblem } from './inbound-bounds';
import type { IngestCaller, IngestLimiter } from './ingest-limits';
import { recordInbound, type IngestOutcome } from './record-inbound';

export interface BodyRead {
  /** the whole body, or only its head when tooLarge */
  body: Buffer;
  /** bytes seen (or declared by Content-Length when that alone was over the limit) */
  size: number;
  tooLarge: boolean;
}

export interface IngestEdgeDeps {
  db: Db;
  keyRing: KeyRing;
  wake: WakeDrains;
  log: Logger;
  limiter: IngestLimiter;
  /** INGEST_MAX_BODY_BYTES, INGEST_DEADLINE_MS, INGEST_REFUSED_KEEP */
  settings: { maxBodyBytes: number; deadlineMs: number; refusedKeep: number };
}

export interface IngestDelivery {
  tenantSlug: string;
  connectionKey: string;
  /** /api/ingest/{tenant}/{connection}/{token}: the path-token scheme's proof */
  pathToken?: string;
  headers: Headers;
  /** the client's address as the edge determined it (lib/base/client-address.ts) */
  address: string;
  /** reads at most `limit` bytes (plus one chunk) and never buffers an oversized body */
  readBody: (limit: number) => Promise<BodyRead>;
}

export interface IngestAnswer {
  status: number;
  /** sent as JSON */
  body: unknown;
  headers: Record<string, string>;
  /** the metrics label (waybill_ingest_requests_total{outcome}) */
  outcome: string;
}

const answer = (
  outcome: string,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): IngestAnswer => ({ outcome, status, body, headers });

/** One answer for a wrong or missing signature and for a path that names no connection. */
const UNVERIFIED = { error: 'INVALID_SIGNATURE', message: 'the signature could not be verified' };

const limited = (retryAfterSeconds: number) =>
  answer(
    'rate_limited',
    429,
    { error: 'RATE_LIMITED', message: 'too many deliveries; retry later' },
    { 'retry-after': String(retryAfterSeconds) },
  );

const tooLargeAnswer = (size: number) => ({
  error: 'PAYLOAD_TOO_LARGE',
  message: `body of ${size} bytes exceeds the limit`,
});

/** Receives one delivery and says what to answer; counts it in the ingest metrics. */
export async function ingestDelivery(
  deps: IngestEdgeDeps,
  delivery: IngestDelivery,
): Promise<IngestAnswer> {
  const started = performance.now();
  const result = await ingest(deps, delivery);
  const m = metrics();
  m.ingestRequests.inc({ outcome: result.outcome });
  m.ingestDuration.observe((performance.now() - started) / 1000);
  return result;
}

/** Rejects after `ms`; the caller clears it once the race is decided (no timer per request lingers). */
function deadline(ms: number): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`ledger write exceeded ${ms} ms`)), ms);
    timer.unref();
  });
  return { promise, clear: () => clearTimeout(timer) };
}

async function ingest(deps: IngestEdgeDeps, delivery: IngestDelivery): Promise<IngestAnswer> {
  const { tenantSlug, connectionKey, pathToken, headers } = delivery;
  // Decided from the path alone, before Redis, the body or a query: nothing is written, and no
  // tenant's existence shows (a NUL or a kilobyte names none of them, whichever exist).
  const badPath =
    pathSegmentProblem('tenant', tenantSlug) ?? pathSegmentProblem('connection', connectionKey);
  if (badPath) return answer('bad_path', 400, { error: 'BAD_REQUEST', message: badPath });
  const caller: IngestCaller = { tenantSlug, connectionKey, address: delivery.address };
  const limits = deps.limiter;
  // Before the body is read: a flood costs a Redis round trip, not a body, a query or a row.
  const admitted = await limits.admit(caller);
  if (!admitted.ok) return limited(admitted.retryAfterSeconds);
  const { body, size, tooLarge } = await delivery.readBody(deps.settings.maxBodyBytes);
  let result: IngestOutcome;
  const timeout = deadline(deps.settings.deadlineMs);
  try {
    result = await Promise.race([
      recordInbound(
        {
          db: deps.db,
          keyRing: deps.keyRing,
          wake: deps.wake,
          refusals: {
            admit: () => limits.admitRefusal(caller),
            keep: deps.settings.refusedKeep,
          },
        },
        {
          tenantSlug,
          connectionKey,
          ...(pathToken !== undefined && { pathToken }),
          rawBody: body,
          headers,
          tooLarge,
          sizeBytes: size,
        },
      ),
      timeout.promise,
    ]);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') {
      // Counted as a refusal and answered as one: probing paths costs the same budget and hears
      // the same words as forging signatures (an oversized body hears what a known path's would).
      const refusal = await limits.admitRefusal(caller);
      if (!refusal.ok) return limited(refusal.retryAfterSeconds);
      if (tooLarge) return answer('not_found', 413, tooLargeAnswer(size));
      return answer('not_found', 401, UNVERIFIED);
    }
    const correlationId = randomUUID();
    deps.log.error(
      { err: error, correlationId, tenantSlug, connectionKey },
      'ingest could not record the delivery',
    );
    return answer(
      'unavailable',
      503,
      { error: 'UNAVAILABLE', message: 'the ledger is unavailable; retry later', correlationId },
      { 'retry-after': '5' },
    );
  } finally {
    timeout.clear();
  }
  return answerFor(deps, delivery, result, size);
}

function answerFor(
  deps: IngestEdgeDeps,
  { tenantSlug, connectionKey }: IngestDelivery,
  result: IngestOutcome,
  size: number,
): IngestAnswer {
  switch (result.kind) {
    case 'accepted':
      return answer('accepted', 202, {
        status: 'accepted',
        inboundEventId: result.inboundEventId,
        transactions: result.transactionIds.length,
      });
    case 'duplicate':
      return answer('duplicate', 200, {
        status: 'duplicate',
        inboundEventId: result.inboundEventId,
        duplicateOf: result.duplicateOfId,
      });
    case 'ignored':
      return answer('ignored', 200, {
        status: 'ignored',
        inboundEventId: result.inboundEventId,
        reason: result.reason,
      });
    case 'limited':
      return limited(result.retryAfterSeconds);
    case 'rejected': {
      const status = {
        PAYLOAD_TOO_LARGE: 413,
        INVALID_SIGNATURE: 401,
        INVALID_JSON: 400,
        VALIDATION_FAILED: 422,
      }[result.code];
      deps.log.warn(
        {
          tenantSlug,
          connectionKey,
          code: result.code,
          reason: result.reason,
          inboundEventId: result.inboundEventId,
        },
        'webhook rejected',
      );
      // Before the signature is verified the sender may be anyone: an answer that says no more
      // than an unknown path's. After it, the reason and the recorded event's id help the sender.
      const unverified =
        result.code === 'INVALID_SIGNATURE'
          ? UNVERIFIED
          : result.code === 'PAYLOAD_TOO_LARGE'
            ? tooLargeAnswer(size)
            : null;
      return answer(
        `rejected_${result.code.toLowerCase()}`,
        status,
        unverified ?? {
          error: result.code,
          message: result.reason,
          inboundEventId: result.inboundEventId,
        },
      );
    }
    default: {
      const exhaustive: never = result;
      return exhaustive;
    }
  }
}
