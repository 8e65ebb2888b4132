// The connection's sliding-window log in a real redis-server: the Lua script against the pure
// `slide` it mirrors (same answers on the same clock), its key, its expiry, Redis's clock, and
// clients asking at once (as drain shards in several workers) never getting more than the limit.
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { usePrivateRedis } from '@/test/support/private-redis';
import { busiestWindow } from '@/test/support/sims';
import { RATE_WINDOW_MS, slide } from './rate-limiter';
import { redisRateLimiter, slideInRedis, windowKey } from './rate-limiter-redis';

const { client: redis, server } = usePrivateRedis();
const CONNECTION = '0190a0b0-0000-7000-8000-0000000000c1';

describe('the rate window in Redis', () => {
  it('is keyed under the queue prefix without its braces, the connection id as hash tag', () => {
    expect(windowKey('{waybill}', CONNECTION)).toBe(`waybill:rate:{${CONNECTION}}`);
    expect(windowKey('waybill', CONNECTION)).toBe(`waybill:rate:{${CONNECTION}}`);
  });

  it('answers exactly as the pure slide on the same clock', async () => {
    const key = windowKey('t1', CONNECTION);
    let log: number[] = [];
    let now = 1_700_000_000_000;
    const differences: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      now += ((i * 37) % 90) + (i % 7 === 0 ? 0.25 : 0);
      // the limit changes now and then, as an operator may edit it
      const limit = i < 200 ? 7 : 23;
      const expected = slide(log, limit, now);
      log = expected.log;
      const got = await slideInRedis(redis(), key, { limit, member: `m${i}`, nowMs: now });
      const want = { granted: expected.granted, waitMs: expected.waitMs };
      if (JSON.stringify(got) !== JSON.stringify(want))
        differences.push(`${i}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    }
    expect(differences).toEqual([]);
    expect(log.length).toBeGreaterThan(0);
    // the stored log is the pure one
    const stored: string[] = await redis().zrange(key, '0', '-1', 'WITHSCORES');
    expect(stored.filter((_, i) => i % 2 === 1).map(Number)).toEqual(log);
  });

  it("uses Redis's clock: grants the limit, then says when the oldest grant leaves", async () => {
    const limiter = redisRateLimiter(redis(), '{t2}');
    for (let i = 0; i < 3; i += 1)
      expect(await limiter.acquire(CONNECTION, 3)).toEqual({ granted: true, waitMs: 0 });
    const refused = await limiter.acquire(CONNECTION, 3);
    expect(refused.granted).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(0);
    expect(refused.waitMs).toBeLessThanOrEqual(RATE_WINDOW_MS);
    // refusals are not recorded
    expect(await redis().zcard(windowKey('{t2}', CONNECTION))).toBe(3);
  });

  it('keeps the key one window after its last grant', async () => {
    const limiter = redisRateLimiter(redis(), 't3');
    await limiter.acquire(CONNECTION, 10);
    const ttl = await redis().pttl(windowKey('t3', CONNECTION));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(RATE_WINDOW_MS);
  });

  it('records two grants in one instant as two (members are unique)', async () => {
    const key = windowKey('t6', CONNECTION);
    const now = 1_700_000_000_000;
    const a = redisRateLimiter(redis(), 't6');
    const b = redisRateLimiter(redis(), 't6');
    // two limiters (two workers) with their own counters: their members still differ
    await Promise.all([a.acquire(CONNECTION, 10), b.acquire(CONNECTION, 10)]);
    expect(await redis().zcard(key)).toBe(2);
    await slideInRedis(redis(), key, { limit: 10, member: 'x', nowMs: now });
    await slideInRedis(redis(), key, { limit: 10, member: 'y', nowMs: now });
    expect(await redis().zcount(key, now, now)).toBe(2);
  });

  it('two clients contending never get more than the limit in any window', async () => {
    const url = server().url;
    const clients = [new Redis(url), new Redis(url)];
    try {
      const limit = 20;
      const key = windowKey('t4', CONNECTION);
      // The script's clock pinned, stepping 150 ms: at each step both clients ask 12 times at
      // once. Every grant must fit the window, and as many must be granted as one caller asking
      // 24 times in a row would get (atomic: no grant lost, none doubled).
      const start = 1_700_000_000_000;
      const grants: number[] = [];
      let model: number[] = [];
      let expected = 0;
      for (let step = 0; step < 30; step += 1) {
        const now = start + step * 150;
        const answers = await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            slideInRedis(clients[i % 2] ?? redis(), key, {
              limit,
              member: `s${step}-${i}`,
              nowMs: now,
            }),
          ),
        );
        for (const a of answers) if (a.granted) grants.push(now);
        for (let i = 0; i < 24; i += 1) {
          const pure = slide(model, limit, now);
          model = pure.log;
          if (pure.granted) expected += 1;
        }
      }
      expect(grants).toHaveLength(expected);
      expect(expected).toBeGreaterThan(3 * limit);
      expect(busiestWindow(grants, RATE_WINDOW_MS)).toBe(limit);
      await redis().del(key);

      // On Redis's own clock, 8 callers on the two clients asking again as soon as told for
      // about 2.5 windows: all get their turns, and the log never holds more than the limit.
      const limiters = clients.map((c) => redisRateLimiter(c, 't4'));
      let granted = 0;
      let mostInLog = 0;
      const until = Date.now() + 2.5 * RATE_WINDOW_MS;
      await Promise.all(
        limiters.flatMap((limiter) =>
          Array.from({ length: 4 }, async () => {
            while (Date.now() < until) {
              const answer = await limiter.acquire(CONNECTION, limit);
              if (answer.granted) {
                granted += 1;
                mostInLog = Math.max(mostInLog, await redis().zcard(key));
              } else await new Promise((resolve) => setTimeout(resolve, answer.waitMs));
            }
          }),
        ),
      );
      expect(granted).toBeGreaterThanOrEqual(2 * limit);
      expect(mostInLog).toBe(limit);
    } finally {
      for (const client of clients) client.disconnect();
    }
  });

  it('loads the script again after Redis forgot it', async () => {
    const limiter = redisRateLimiter(redis(), 't5');
    await limiter.acquire(CONNECTION, 5);
    await redis().script('FLUSH');
    expect((await limiter.acquire(CONNECTION, 5)).granted).toBe(true);
  });
});
