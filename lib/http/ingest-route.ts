// The webhook receiver's HTTP edge: bounded body read, a deadline on the ledger write, answers by
// outcome. Any failure to commit answers 503 — never 2xx — so the sender redelivers.
import { randomUUID } from 'node:crypto';
import { isAppError } from '@/lib/errors';
import { recordInbound, type IngestOutcome } from '@/lib/ingest/record-inbound';
import { metrics } from '@/lib/observability/metrics';
import { serverContext } from '@/lib/server/context';
import { readBodyLimited } from './read-body';

const json = (status: number, body: unknown) => Response.json(body, { status });

function deadline(ms: number): Promise<never> {
  return new Promise((_resolve, reject) =>
    setTimeout(() => reject(new Error(`ledger write exceeded ${ms} ms`)), ms).unref(),
  );
}

export async function handleIngest(
  request: Request,
  tenantSlug: string,
  connectionKey: string,
): Promise<Response> {
  const started = performance.now();
  const { outcome, response } = await ingest(request, tenantSlug, connectionKey);
  const m = metrics();
  m.ingestRequests.inc({ outcome });
  m.ingestDuration.observe((performance.now() - started) / 1000);
  return response;
}

async function ingest(request: Request, tenantSlug: string, connectionKey: string) {
  const ctx = serverContext();
  const { body, size, tooLarge } = await readBodyLimited(request, ctx.env.INGEST_MAX_BODY_BYTES);
  let result: IngestOutcome;
  try {
    result = await Promise.race([
      recordInbound(
        { db: ctx.db, keyRing: ctx.keyRing, wake: ctx.wake },
        {
          tenantSlug,
          connectionKey,
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
      return {
        outcome: 'not_found',
        response: json(404, { error: 'NOT_FOUND', message: 'unknown tenant or connection' }),
      };
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
      return {
        outcome: `rejected_${result.code.toLowerCase()}`,
        response: json(status, {
          error: result.code,
          message: result.reason,
          inboundEventId: result.inboundEventId,
        }),
      };
    }
    default: {
      const exhaustive: never = result;
      return exhaustive;
    }
  }
}
