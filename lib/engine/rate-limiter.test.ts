import { describe, expect, it } from 'vitest';
import {
  RATE_WINDOW_MS,
  WINDOW_MARGIN_MS,
  WINDOW_MS,
  acquireSlot,
  memoryRateLimiter,
  rateWindowMs,
  slide,
  waitUntilOut,
  type RateLimiter,
} from './rate-limiter';
import { busiestWindow } from '@/test/support/sims';

describe('the sliding window', () => {
  it('is one second plus the margin (RATE_LIMIT_MARGIN_MS)', () => {
    expect(WINDOW_MS).toBe(1000);
    expect(WINDOW_MARGIN_MS).toBe(100);
    expect(RATE_WINDOW_MS).toBe(1100);
    expect(rateWindowMs()).toBe(1100);
    expect(rateWindowMs(250)).toBe(1250);
    expect(rateWindowMs(-5)).toBe(1000);
  });

  it('grants up to the limit, then says when the oldest grant leaves', () => {
    let log: number[] = [];
    for (const at of [0, 10, 20]) {
      const step = slide(log, 3, at);
      expect(step).toMatchObject({ granted: true, waitMs: 0 });
      log = step.log;
    }
    expect(log).toEqual([0, 10, 20]);
    const refused = slide(log, 3, 500);
    expect(refused).toEqual({ granted: false, waitMs: 600, log: [0, 10, 20] });
    // one ms early: still in; on the dot (now − window): out
    expect(slide(log, 3, 1099).granted).toBe(false);
    expect(slide(log, 3, 1099).waitMs).toBe(1);
    const out = slide(log, 3, 1100);
    expect(out).toEqual({ granted: true, waitMs: 0, log: [10, 20, 1100] });
    // another window length
    expect(slide(log, 3, 1050, 1050)).toEqual({ granted: true, waitMs: 0, log: [10, 20, 1050] });
  });

  it('forgets grants older than the window, and rounds waits up to whole ms', () => {
    expect(slide([1, 2, 3], 3, 5000).log).toEqual([5000]);
    expect(waitUntilOut(100.2, 1000)).toBe(201);
    expect(waitUntilOut(0, 5000)).toBe(1);
  });

  it('applies a changed limit at once and treats a limit below 1 as 1', () => {
    const full = [0, 100, 200, 300];
    expect(slide(full, 2, 400).granted).toBe(false); // lowered: no grant until two leave
    expect(slide(full, 2, 1250)).toMatchObject({ granted: false, waitMs: 50 });
    expect(slide(full, 2, 1300).granted).toBe(true);
    expect(slide(full, 8, 400).granted).toBe(true); // raised: room at once
    expect(slide([], 0, 0).granted).toBe(true);
    expect(slide([0], 0, 10).granted).toBe(false);
  });

  it('never lets any window of the window length hold more than the limit', () => {
    // many callers asking at random moments, each retrying when told to
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 40;
    let log: number[] = [];
    const granted: number[] = [];
    let now = 0;
    while (now < 20_000) {
      now += random();
      const step = slide(log, 25, now);
      log = step.log;
      if (step.granted) granted.push(now);
    }
    expect(granted.length).toBeGreaterThan(400); // it was busy: ~19 windows of 25
    expect(busiestWindow(granted, RATE_WINDOW_MS)).toBe(25);
    // so with each request arriving at most the margin after its grant, no second holds more
    const arrivals = granted.map((at, i) => at + (i % 3 === 0 ? WINDOW_MARGIN_MS : 0));
    expect(busiestWindow(arrivals, WINDOW_MS)).toBeLessThanOrEqual(25);
  });

  it('holds a one-second limit at the provider for arrivals up to the margin late, not later', () => {
    // a saturated connection: a request asked for every millisecond, limit 3; the third request
    // arrives late
    let log: number[] = [];
    const granted: number[] = [];
    for (let now = 0; now < 5000; now += 1) {
      const step = slide(log, 3, now);
      log = step.log;
      if (step.granted) granted.push(now);
    }
    expect(granted.slice(0, 6)).toEqual([0, 1, 2, 1100, 1101, 1102]);
    const arriving = (delay: number) => granted.map((at, i) => at + (i === 2 ? delay : 0));
    expect(busiestWindow(arriving(WINDOW_MARGIN_MS), WINDOW_MS)).toBe(3);
    expect(busiestWindow(arriving(3 * WINDOW_MARGIN_MS), WINDOW_MS)).toBe(4);
  });

  it('counts the busiest window over every request, windows half-open', () => {
    expect(busiestWindow([])).toBe(0);
    expect(busiestWindow([0, 999, 1000, 1999])).toBe(2);
    expect(busiestWindow([0, 999, 1000, 1998.5])).toBe(3);
    expect(busiestWindow([5, 0, 3, 2000], 1000)).toBe(3);
    expect(busiestWindow([0, 1, 2], 1)).toBe(1);
  });
});

describe('memoryRateLimiter', () => {
  it('keeps one log per connection', async () => {
    let now = 1_000_000;
    const limiter = memoryRateLimiter(() => now);
    expect(await limiter.acquire('a', 2)).toEqual({ granted: true, waitMs: 0 });
    expect(await limiter.acquire('a', 2)).toEqual({ granted: true, waitMs: 0 });
    expect(await limiter.acquire('a', 2)).toEqual({ granted: false, waitMs: RATE_WINDOW_MS });
    expect(await limiter.acquire('b', 2)).toEqual({ granted: true, waitMs: 0 });
    now += RATE_WINDOW_MS;
    expect((await limiter.acquire('a', 2)).granted).toBe(true);
  });

  it('takes its window from the margin it is given', async () => {
    const limiter = memoryRateLimiter(() => 0, { marginMs: 250 });
    await limiter.acquire('a', 1);
    expect(await limiter.acquire('a', 1)).toEqual({ granted: false, waitMs: 1250 });
  });
});

describe('acquireSlot', () => {
  const answers = (...list: { granted: boolean; waitMs: number }[]): RateLimiter => ({
    acquire: () => Promise.resolve(list.shift() ?? { granted: true, waitMs: 0 }),
  });

  it('sleeps as long as told (capped), then asks again', async () => {
    const slept: number[] = [];
    const ok = await acquireSlot(
      answers({ granted: false, waitMs: 120 }, { granted: false, waitMs: 900 }),
      'a',
      () => 5,
      () => false,
      (ms) => Promise.resolve(slept.push(ms)),
    );
    expect(ok).toBe(true);
    expect(slept).toEqual([120, 250]);
  });

  it('gives up when refused while the caller must stop waiting, never before asking', async () => {
    const slept: number[] = [];
    const stop = () => true;
    const sleep = (ms: number) => Promise.resolve(slept.push(ms));
    expect(await acquireSlot(answers(), 'a', () => 5, stop, sleep)).toBe(true);
    expect(
      await acquireSlot(answers({ granted: false, waitMs: 10 }), 'a', () => 5, stop, sleep),
    ).toBe(false);
    expect(slept).toEqual([]);
  });

  it('asks with the limit as it is at each ask', async () => {
    const limits: number[] = [];
    let limit = 5;
    await acquireSlot(
      {
        acquire: (_id, l) => {
          limits.push(l);
          return Promise.resolve({ granted: limits.length > 1, waitMs: 5 });
        },
      },
      'a',
      () => limit,
      () => false,
      () => Promise.resolve((limit = 9)),
    );
    expect(limits).toEqual([5, 9]);
  });
});
