// The connection's token bucket in a real redis-server: the Lua script against the pure `step` it
// mirrors (same answers, token for token, on the same clock), its key, its expiry, and many
// clients at once (as many drain shards in many workers) never sharing a token.
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { usePrivateRedis } from '@/test/support/private-redis';
import { bucketKey, redisRateLimiter, stepBucket } from './rate-limiter-redis';
import { step } from './token-bucket';

const { client: redis, server } = usePrivateRedis();
const CONNECTION = '0190a0b0-0000-7000-8000-0000000000c1';

describe('the token bucket in Redis', () => {
  it('is keyed under the queue prefix without its braces, the connection id as hash tag', () => {
    expect(bucketKey('{waybill}', CONNECTION)).toBe(`waybill:rate:{${CONNECTION}}`);
    expect(bucketKey('waybill', CONNECTION)).toBe(`waybill:rate:{${CONNECTION}}`);
  });

  it('answers exactly as the pure step on the same clock, through takes and hand-backs', async () => {
    const key = bucketKey('t1', CONNECTION);
    let stored: { tokens: number; updatedAtMs: number } | null = null;
    let now = 1_700_000_000_000;
    const differences: string[] = [];
    for (let i = 0; i < 300; i += 1) {
      now += (i * 37) % 90;
      // the limit changes now and then, as an operator may edit it
      const limit = { ratePerSecond: i < 150 ? 7 : 23, burst: i < 150 ? 7 : 23 };
      const wanted = i % 5 === 0 ? 0 : 1 + (i % 9);
      const giveBack = i % 5 === 0 ? i % 4 : 0;
      const expected = step(stored, { ...limit, wanted, giveBack }, now);
      stored = expected.bucket;
      const got = await stepBucket(redis(), key, { limit, wanted, giveBack, nowMs: now });
      const want = {
        granted: expected.granted,
        msUntilToken: expected.msUntilToken,
        tokens: expected.bucket.tokens,
      };
      if (JSON.stringify(got) !== JSON.stringify(want))
        differences.push(`${i}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    }
    expect(differences).toEqual([]);
  });

  it("uses Redis's clock: a fresh bucket grants its burst, then says when the next token comes", async () => {
    const limiter = redisRateLimiter(redis(), '{t2}');
    const limit = { ratePerSecond: 2, burst: 3 };
    expect(await limiter.take(CONNECTION, limit, 10)).toEqual({ granted: 3, msUntilToken: 500 });
    const next = await limiter.take(CONNECTION, limit, 10);
    expect(next.granted).toBe(0);
    expect(next.msUntilToken).toBeGreaterThan(0);
    expect(next.msUntilToken).toBeLessThanOrEqual(500);
    await limiter.giveBack(CONNECTION, limit, 2);
    expect((await limiter.take(CONNECTION, limit, 10)).granted).toBe(2);
  });

  it('expires the key once the bucket would be full again', async () => {
    const limiter = redisRateLimiter(redis(), 't3');
    await limiter.take(CONNECTION, { ratePerSecond: 10, burst: 10 }, 10);
    const ttl = await redis().pttl(bucketKey('t3', CONNECTION));
    // empty: full again after 1s; the key lives that long plus a second's margin
    expect(ttl).toBeGreaterThan(1000);
    expect(ttl).toBeLessThanOrEqual(2000);
  });

  it('never grants the same token twice to clients taking at once (as shards in two workers)', async () => {
    const url = server().url;
    const clients = [new Redis(url), new Redis(url)];
    try {
      const key = bucketKey('t4', CONNECTION);
      const limit = { ratePerSecond: 1, burst: 40 };
      const now = 1_700_000_000_000;
      // on one instant (the script's clock pinned), 2 clients x 30 takes of 3 share 40 tokens
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          stepBucket(clients[i % 2] ?? redis(), key, { limit, wanted: 3, giveBack: 0, nowMs: now }),
        ),
      );
      expect(answers.reduce((sum, a) => sum + a.granted, 0)).toBe(40);
      expect(answers.filter((a) => a.granted === 1)).toHaveLength(1); // 13 x 3 + the last one
    } finally {
      for (const client of clients) client.disconnect();
    }
  });

  it('loads the script again after Redis forgot it', async () => {
    const limiter = redisRateLimiter(redis(), 't5');
    await limiter.take(CONNECTION, { ratePerSecond: 5, burst: 5 }, 1);
    await redis().script('FLUSH');
    expect((await limiter.take(CONNECTION, { ratePerSecond: 5, burst: 5 }, 1)).granted).toBe(1);
  });
});
