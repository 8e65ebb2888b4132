// A connection's rate limit as its drain applies it: a sliding-window log of the requests granted,
// one grant per provider request, taken right before the request is sent (lib/providers/pacing.ts).
// A request is granted when fewer than `limit` grants lie within the last window; else the answer
// says how long until the oldest of them leaves it. Over any span of WINDOW_MS, then, at most
// `limit` grants — not one token bucket's burst plus its refill plus what lanes hold unspent.
//
// The window is one second plus a margin (RATE_LIMIT_MARGIN_MS, default WINDOW_MARGIN_MS). A
// provider counts a request when it arrives, which is a little after its grant (the grant's
// answer read, the request written, the provider reading it): if no request arrives more than
// the margin after its grant, any two requests `limit` grants apart arrive at least a second
// apart, so no one-second window of the provider's holds more than `limit`. The margin costs its
// share of a connection's throughput while the limit binds (100 ms: a limit of 100/s sends 91 a
// second); a larger one makes the limit hold through longer stalls of either side's event loop.
// 50 ms was not enough on a loaded 2-core host (the drain-shards and scale-out suites saw
// arrivals up to about 100 ms after their grants).
//
// The shards of a connection's drain run in several processes, so the worker keeps the log in
// Redis (rate-limiter-redis.ts: one Lua script doing what `slide` below does, on Redis's clock); a
// drain given no limiter (tests, tools: one process) keeps it in memory (memoryRateLimiter).

export const WINDOW_MS = 1000;
/** the default of how late after its grant a request may arrive with the limit still holding */
export const WINDOW_MARGIN_MS = 100;
/** the window a grant stays in the log, by default */
export const RATE_WINDOW_MS = WINDOW_MS + WINDOW_MARGIN_MS;

/** The window for a margin (RATE_LIMIT_MARGIN_MS); the default's when none is given. */
export function rateWindowMs(marginMs = WINDOW_MARGIN_MS): number {
  return WINDOW_MS + Math.max(0, marginMs);
}

export interface Acquired {
  granted: boolean;
  /** 0 when granted; else how long until the oldest grant leaves the window (then ask again) */
  waitMs: number;
}

export interface RateLimiter {
  /** one request of connection `connectionId`, whose limit is `limit` requests a second */
  acquire(connectionId: string, limit: number): Promise<Acquired>;
}

/**
 * One step of the window log, pure: `log` holds the times (ms) of earlier grants, oldest first.
 * Grants older than the window (at or before now − window) are dropped; a new grant is recorded at
 * `nowMs` when fewer than `limit` remain. A limit below 1 is treated as 1: a configured limit
 * never stops a connection entirely (pausing it does that).
 */
export function slide(
  log: readonly number[],
  limit: number,
  nowMs: number,
  windowMs = RATE_WINDOW_MS,
): Acquired & { log: number[] } {
  const kept = log.filter((at) => at > nowMs - windowMs);
  if (kept.length < Math.max(1, Math.floor(limit)))
    return { granted: true, waitMs: 0, log: [...kept, nowMs] };
  const oldest = kept[0] ?? nowMs;
  return { granted: false, waitMs: waitUntilOut(oldest, nowMs, windowMs), log: kept };
}

/** Milliseconds until a grant made at `oldestMs` is out of the window (at least 1). */
export function waitUntilOut(oldestMs: number, nowMs: number, windowMs = RATE_WINDOW_MS): number {
  return Math.max(1, Math.ceil(oldestMs + windowMs - nowMs));
}

/** Window logs in this process's memory, one per connection. */
export function memoryRateLimiter(
  now: () => number = Date.now,
  options: { marginMs?: number } = {},
): RateLimiter {
  const logs = new Map<string, number[]>();
  const windowMs = rateWindowMs(options.marginMs);
  return {
    acquire(connectionId, limit) {
      const step = slide(logs.get(connectionId) ?? [], limit, now(), windowMs);
      logs.set(connectionId, step.log);
      return Promise.resolve({ granted: step.granted, waitMs: step.waitMs });
    },
  };
}

/** The longest one sleep lasts before asking again (the stop and budget are checked between). */
const MAX_SLEEP_MS = 250;

/**
 * Waits for a grant: asks, and while refused sleeps until the oldest grant leaves the window (at
 * most MAX_SLEEP_MS at a time) and asks again. Gives up — false, the request is not sent — when
 * refused while `giveUp()` says the caller must stop waiting (its drain stops or ran out of time).
 */
export async function acquireSlot(
  limiter: RateLimiter,
  connectionId: string,
  limit: () => number,
  giveUp: () => boolean,
  sleep: (ms: number) => Promise<unknown> = (ms) =>
    new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<boolean> {
  for (;;) {
    const answer = await limiter.acquire(connectionId, limit());
    if (answer.granted) return true;
    if (giveUp()) return false;
    await sleep(Math.min(Math.max(1, answer.waitMs), MAX_SLEEP_MS));
  }
}
