// A connection's sliding-window log in Redis, shared by every shard of its drain in every worker.
// One Lua script does atomically what rate-limiter.ts `slide` does (rate-limiter-redis
// .integration.test.ts runs both side by side): drop grants older than the window, count the
// rest, and either record a new grant or answer how long until the oldest leaves. Times are
// Redis's (TIME, in microseconds), so the workers' clocks need not agree. Thin on purpose: the
// arithmetic is tested where it is pure.
//
// One key per connection, `<prefix>:rate:{<connection id>}`, a sorted set (score: the grant's time
// in ms; member: unique per grant, so two grants in one microsecond are two entries): the
// connection id is the key's hash tag, so logs spread over a Redis Cluster's slots (the braces of
// a Cluster-ready queue prefix are dropped here, or every log would share the queues' slot). The
// script touches that one key only, so it is valid on a cluster. The key expires one window after
// its last grant: an expired log and an empty one are the same. The log holds at most `limit`
// entries, since only grants are recorded.
//
// Redis unreachable: the call throws; the drain sends nothing more of its batch and fails like any
// infrastructure fault (it could not run without Redis anyway: it is a BullMQ job).
import { createHash, randomBytes } from 'node:crypto';
import { RATE_WINDOW_MS, rateWindowMs, type Acquired, type RateLimiter } from './rate-limiter';

/** KEYS[1] the log; ARGV limit, window ms, member [, now in ms]. Answers {granted, wait ms}. */
const SCRIPT = `
local limit = math.max(1, math.floor(tonumber(ARGV[1])))
local window = tonumber(ARGV[2])
local now
if ARGV[4] then
  now = tonumber(ARGV[4])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.3f', now - window))
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], string.format('%.3f', now), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window))
  return {1, 0}
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
return {0, math.max(1, math.ceil(oldest + window - now))}
`;
const SHA = createHash('sha1').update(SCRIPT).digest('hex');

/** The two commands used; an ioredis client fits. */
export interface ScriptRedis {
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** The log's key: under the queue prefix (without its braces), the connection as hash tag. */
export function windowKey(prefix: string, connectionId: string): string {
  return `${prefix.replace(/[{}]/g, '')}:rate:{${connectionId}}`;
}

/** Runs the script once (by its digest; sent whole only when Redis does not know it yet). */
export async function slideInRedis(
  redis: ScriptRedis,
  key: string,
  args: { limit: number; member: string; windowMs?: number; nowMs?: number },
): Promise<Acquired> {
  const argv = [
    args.limit,
    args.windowMs ?? RATE_WINDOW_MS,
    args.member,
    ...(args.nowMs === undefined ? [] : [args.nowMs.toFixed(3)]),
  ];
  let reply: unknown;
  try {
    reply = await redis.evalsha(SHA, 1, key, ...argv);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
    reply = await redis.eval(SCRIPT, 1, key, ...argv);
  }
  if (!Array.isArray(reply) || reply.length !== 2)
    throw new Error('rate limit script answered in an unexpected shape');
  return { granted: Number(reply[0]) === 1, waitMs: Number(reply[1]) };
}

/** Every drain shard of every worker acquires its connection's requests here. */
export function redisRateLimiter(
  redis: ScriptRedis,
  prefix: string,
  options: { marginMs?: number } = {},
): RateLimiter {
  const windowMs = rateWindowMs(options.marginMs);
  // a member unique across processes: this limiter's random tag and a counter
  const tag = randomBytes(6).toString('hex');
  let seq = 0;
  return {
    acquire(connectionId, limit) {
      seq += 1;
      return slideInRedis(redis, windowKey(prefix, connectionId), {
        limit,
        member: `${tag}:${seq}`,
        windowMs,
      });
    },
  };
}
