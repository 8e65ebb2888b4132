// What the webhook receiver needs from a process's context (lib/ingest/ingest-delivery.ts): one
// flood limiter per context, so the Next route and the receiver process build theirs the same way.
import { redisIngestLimiter, type IngestLimiter } from '@/lib/ingest/ingest-limits';
import type { IngestEdgeDeps } from '@/lib/ingest/ingest-delivery';
import { drainWaker } from '@/lib/queue/wake-drains';
import type { ServerContext } from './context';

/** At most one wake-up per this long from an ingest edge (lib/queue/wake-drains.ts): a delivery
 *  is dispatched at most this much later than with a wake-up of its own, and the drains' own fill
 *  wait after a short batch (DISPATCH_FILL_WAIT_MS) is longer anyway. */
export const INGEST_WAKE_INTERVAL_MS = 20;

const built = new WeakMap<ServerContext, IngestEdgeDeps>();

function limiterOf(ctx: ServerContext): IngestLimiter {
  return redisIngestLimiter(ctx.redis, {
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
  });
}

export function ingestDepsOf(ctx: ServerContext): IngestEdgeDeps {
  let deps = built.get(ctx);
  if (!deps) {
    deps = {
      db: ctx.db,
      keyRing: ctx.keyRing,
      wake: drainWaker(
        { queues: ctx.queues, log: ctx.log },
        { minIntervalMs: INGEST_WAKE_INTERVAL_MS },
      ),
      log: ctx.log,
      limiter: limiterOf(ctx),
      settings: {
        maxBodyBytes: ctx.env.INGEST_MAX_BODY_BYTES,
        deadlineMs: ctx.env.INGEST_DEADLINE_MS,
        refusedKeep: ctx.env.INGEST_REFUSED_KEEP,
      },
    };
    built.set(ctx, deps);
  }
  return deps;
}
