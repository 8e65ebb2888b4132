// The webhook receiver's HTTP edge: flood limits first (lib/ingest/ingest-limits.ts), bounded body
// read, a deadline on the ledger write, answers by outcome. Any failure to commit answers 503 —
// never 2xx — so the sender redelivers. An unknown tenant or connection is answered exactly like a
// bad signature, so the answers tell nobody which tenants and connections exist.
import { randomUUID } from 'node:crypto';
import { clientAddressOf } from '@/lib/base/client-address';
import { trustedProxyHops } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import {
  redisIngestLimiter,
  type IngestCaller,
  type IngestLimiter,
} from '@/lib/ingest/ingest-limits';
import { recordInbound, type IngestOutcome } from '@/lib/ingest/record-inbound';
import { metrics } from '@/lib/observability/metrics';
import { serverContext } from '@/lib/server/context';
import { readBodyLimited } from './read-body';

const json = (status: number, body: unknown) => Response.json(body, { status });

/** One answer for a wrong or missing signature and for a path that names no connection. */
const UNVERIFIED = { error: 'INVALID_SIGNATURE', message: 'the signature could not be verified' };

const limited = (retryAfterSeconds: number) => ({
  outcome: 'rate_limited',
  response: Response.json(
    { error: 'RATE_LIMITED', message: 'too many deliveries; retry later' },
    { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
  ),
});

const holder = globalThis as unknown as { __waybillIngestLimiter?: IngestLimiter };
function limiter(): IngestLimiter {
  const ctx = serverContext();
  return (holder.__waybillIngestLimiter ??= redisIngestLimiter(ctx.redis, {
    keyPrefix: ctx.env.QUEUE_PREFIX,
    policy: {
      windowSeconds: ctx.env.INGEST_LIMIT_WINDOW_SECONDS,
      perConnection: ctx.env.INGEST_LIMIT_PER_CONNECTION,
      perAddress: ctx.env.INGEST_LIMIT_PER_ADDRESS,
      refusedPerConnection: ctx.env.INGEST_REFUSED_PER_CONNECTION,
      refusedPerAddress: ctx.env.INGEST_REFUSED_PER_ADDRESS,
    },
    warn: (msg, err) =>
      ctx.log.warn({ err: err instanceof Error ? err.message : String(err) }, msg),
  }));
}

function deadline(ms: number): Promise<never> {
  return new Promise((_resolve, reject) =>
    setTimeout(() => reject(new Error(`ledger write exceeded ${ms} ms`)), ms).unref(),
  );
}

export async function handleIngest(
  request: Request,
  tenantSlug: string,
  connectionKey: string,
  /** /api/ingest/{tenant}/{connection}/{token}: the path-token scheme's proof */
  pathToken?: string,
): Promise<Response> {
  const started = performance.now();
  const { outcome, response } = await ingest(request, tenantSlug, connectionKey, pathToken);
  const m = metrics();
  m.ingestRequests.inc({ outcome });
  m.ingestDuration.observe((performance.now() - started) / 1000);
  return response;
}

async function ingest(
  request: Request,
  tenantSlug: string,
  connectionKey: string,
  pathToken: string | undefined,
) {
  const ctx = serverContext();
  const caller: IngestCaller = {
    tenantSlug,
    connectionKey,
    address: clientAddressOf((n) => request.headers.get(n), trustedProxyHops()),
  };
  const limits = limiter();
  // Before the body is read: a flood costs a Redis round trip, not a body, a query or a row.
  const admitted = await limits.admit(caller);
  if (!admitted.ok) return limited(admitted.retryAfterSeconds);
  const { body, size, tooLarge } = await readBodyLimited(request, ctx.env.INGEST_MAX_BODY_BYTES);
  let result: IngestOutcome;
  try {
    result = await Promise.race([
      recordInbound(
        {
          db: ctx.db,
          keyRing: ctx.keyRing,
          wake: ctx.wake,
          refusals: {
            admit: () => limits.admitRefusal(caller),
            keep: ctx.env.INGEST_REFUSED_KEEP,
          },
        },
        {
          tenantSlug,
          connectionKey,
          ...(pathToken !== undefined && { pathToken }),
          rawBody: body,
          headers: request.headers,
          tooLarge,
          sizeBytes: size,
        },
      ),
      deadline(ctx.env.INGEST_DEADLINE_MS),
    ]);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') {
      // Counted as a refusal and answered as one: probing paths costs the same budget and hears
      // the same words as forging signatures (an oversized body hears what a known path's would).
      const refusal = await limits.admitRefusal(caller);
      if (!refusal.ok) return limited(refusal.retryAfterSeconds);
      if (tooLarge) return { outcome: 'not_found', response: json(413, tooLargeAnswer(size)) };
      return { outcome: 'not_found', response: json(401, UNVERIFIED) };
    }
    const correlationId = randomUUID();
    ctx.log.error(
      { err: error, correlationId, tenantSlug, connectionKey },
      'ingest could not record the delivery',
    );
    return {
      outcome: 'unavailable',
      response: new Response(
        JSON.stringify({
          error: 'UNAVAILABLE',
          message: 'the ledger is unavailable; retry later',
          correlationId,
        }),
        {
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '5' },
        },
      ),
    };
  }
  switch (result.kind) {
    case 'accepted':
      return {
        outcome: 'accepted',
        response: json(202, {
          status: 'accepted',
          inboundEventId: result.inboundEventId,
          transactions: result.transactionIds.length,
        }),
      };
    case 'duplicate':
      return {
        outcome: 'duplicate',
        response: json(200, {
          status: 'duplicate',
          inboundEventId: result.inboundEventId,
          duplicateOf: result.duplicateOfId,
        }),
      };
    case 'ignored':
      return {
        outcome: 'ignored',
        response: json(200, {
          status: 'ignored',
          inboundEventId: result.inboundEventId,
          reason: result.reason,
        }),
      };
    case 'limited':
      return limited(result.retryAfterSeconds);
    case 'rejected': {
      const status = {
        PAYLOAD_TOO_LARGE: 413,
        INVALID_SIGNATURE: 401,
        INVALID_JSON: 400,
        VALIDATION_FAILED: 422,
      }[result.code];
      ctx.log.warn(
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
      return {
        outcome: `rejected_${result.code.toLowerCase()}`,
        response: json(
          status,
          unverified ?? {
            error: result.code,
            message: result.reason,
            inboundEventId: result.inboundEventId,
          },
        ),
      };
    }
    default: {
      const exhaustive: never = result;
      return exhaustive;
    }
  }
}

function tooLargeAnswer(size: number) {
  return { error: 'PAYLOAD_TOO_LARGE', message: `body of ${size} bytes exceeds the limit` };
}
