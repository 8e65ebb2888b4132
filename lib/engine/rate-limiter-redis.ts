// A connection's token bucket in Redis, shared by every shard of its drain in every worker. One
// Lua script steps it atomically, exactly as token-bucket.ts `step` does (same order, same
// arithmetic; rate-limiter-redis.integration.test.ts runs both side by side): refill by the time
// elapsed on Redis's clock (TIME, so workers' clocks need not agree), hand back, take whole
// tokens. Thin on purpose: the arithmetic is tested where it is pure.
//
// One key per connection, `<prefix>:rate:{<connection id>}`: the connection id is the key's hash
// tag, so buckets spread over a Redis Cluster's slots (the braces of a Cluster-ready queue prefix
// are dropped here, or every bucket would share the queues' slot). The script touches that one key
// only, so it is valid on a cluster. The key expires once the bucket would be full again: an
// expired bucket and a full one are the same.
//
// Redis unreachable: the call throws and the batch fails like any infrastructure fault (the drain
// could not run without Redis anyway: it is a BullMQ job).
import { createHash } from 'node:crypto';
import type { Granted, RateLimit, RateLimiter } from './rate-limiter';

/** KEYS[1] the bucket (hash: tokens, at); ARGV rate, burst, wanted, giveBack [, now in ms]. */
const SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = math.max(1, tonumber(ARGV[2]))
local wanted = math.floor(tonumber(ARGV[3]))
local back = math.max(0, tonumber(ARGV[4]))
local now
if ARGV[5] then
  now = tonumber(ARGV[5])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1])
local at = tonumber(stored[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
else
  tokens = math.min(burst, tokens)
end
tokens = math.min(burst, tokens + (math.max(0, now - at) * rate) / 1000)
at = math.max(now, at)
tokens = math.min(burst, tokens + back)
local granted = math.max(0, math.min(math.floor(tokens), wanted))
tokens = tokens - granted
local wait = 0
if tokens < 1 then wait = math.ceil(((1 - tokens) * 1000) / rate) end
local full = math.ceil(((burst - tokens) * 1000) / rate)
local exact = string.format('%.17g', tokens)
redis.call('HSET', KEYS[1], 'tokens', exact, 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], full + 1000)
return {granted, wait, exact}
`;
const SHA = createHash('sha1').update(SCRIPT).digest('hex');

/** The two commands used; an ioredis client fits. */
export interface ScriptRedis {
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** The bucket's key: under the queue prefix (without its braces), the connection as hash tag. */
export function bucketKey(prefix: string, connectionId: string): string {
  return `${prefix.replace(/[{}]/g, '')}:rate:{${connectionId}}`;
}

/** Runs the script once (by its digest; sent whole only when Redis does not know it yet). */
export async function stepBucket(
  redis: ScriptRedis,
  key: string,
  args: { limit: RateLimit; wanted: number; giveBack: number; nowMs?: number },
): Promise<Granted & { tokens: number }> {
  const argv = [
    args.limit.ratePerSecond,
    args.limit.burst,
    args.wanted,
    args.giveBack,
    ...(args.nowMs === undefined ? [] : [args.nowMs]),
  ];
  let reply: unknown;
  try {
    reply = await redis.evalsha(SHA, 1, key, ...argv);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
    reply = await redis.eval(SCRIPT, 1, key, ...argv);
  }
  if (!Array.isArray(reply) || reply.length !== 3)
    throw new Error('rate limit script answered in an unexpected shape');
  return {
    granted: Number(reply[0]),
    msUntilToken: Number(reply[1]),
    tokens: Number(reply[2]),
  };
}

/** Every drain shard of every worker takes its connection's tokens from here. */
export function redisRateLimiter(redis: ScriptRedis, prefix: string): RateLimiter {
  return {
    async take(connectionId, limit, wanted) {
      const { granted, msUntilToken } = await stepBucket(redis, bucketKey(prefix, connectionId), {
        limit,
        wanted,
        giveBack: 0,
      });
      return { granted, msUntilToken };
    },
    async giveBack(connectionId, limit, tokens) {
      if (tokens <= 0) return;
      await stepBucket(redis, bucketKey(prefix, connectionId), {
        limit,
        wanted: 0,
        giveBack: tokens,
      });
    },
  };
}
