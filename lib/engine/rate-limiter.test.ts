import { describe, expect, it } from 'vitest';
import { memoryRateLimiter, rateLimitOf } from './rate-limiter';

describe('memoryRateLimiter', () => {
  it('gives each connection its own bucket of one second of burst', async () => {
    let now = 1_000_000;
    const limiter = memoryRateLimiter(() => now);
    const limit = rateLimitOf(5);
    expect(limit).toEqual({ ratePerSecond: 5, burst: 5 });
    expect(await limiter.take('a', limit, 4)).toEqual({ granted: 4, msUntilToken: 0 });
    expect(await limiter.take('a', limit, 4)).toEqual({ granted: 1, msUntilToken: 200 });
    expect(await limiter.take('b', limit, 4)).toEqual({ granted: 4, msUntilToken: 0 });
    expect(await limiter.take('a', limit, 1)).toEqual({ granted: 0, msUntilToken: 200 });
    now += 200;
    expect(await limiter.take('a', limit, 3)).toEqual({ granted: 1, msUntilToken: 200 });
  });

  it('takes back what a batch did not use', async () => {
    const limiter = memoryRateLimiter(() => 0);
    const limit = rateLimitOf(3);
    expect((await limiter.take('a', limit, 3)).granted).toBe(3);
    await limiter.giveBack('a', limit, 2);
    expect((await limiter.take('a', limit, 3)).granted).toBe(2);
  });
});
