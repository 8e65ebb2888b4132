import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from './pool';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Wraps `fn` with a counter of calls in flight and records the highest it reached. */
function tracked<T, R>(fn: (item: T) => Promise<R>) {
  const stats = { inFlight: 0, peak: 0, started: [] as T[] };
  const wrapped = async (item: T) => {
    stats.inFlight += 1;
    stats.peak = Math.max(stats.peak, stats.inFlight);
    stats.started.push(item);
    try {
      return await fn(item);
    } finally {
      stats.inFlight -= 1;
    }
  };
  return { stats, wrapped };
}

describe('mapWithConcurrency', () => {
  it('keeps the input order when later items finish first', async () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    // Earlier items take longer, so completion order is roughly the reverse.
    const result = await mapWithConcurrency(items, 8, async (n) => {
      await sleep((9 - n) * 3);
      return `#${n}`;
    });
    expect(result).toEqual(items.map((n) => `#${n}`));
  });

  it('keeps the input order with fewer lanes than items and uneven durations', async () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    const result = await mapWithConcurrency(items, 4, async (n) => {
      await sleep((n * 7) % 5);
      return n * n;
    });
    expect(result).toEqual(items.map((n) => n * n));
  });

  it.each([1, 2, 3, 5])('never has more than %i calls in flight', async (limit) => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const { stats, wrapped } = tracked(async (n: number) => {
      await sleep(n % 3);
      return n;
    });
    const result = await mapWithConcurrency(items, limit, wrapped);
    expect(result).toEqual(items);
    expect(stats.peak).toBe(limit);
    expect(stats.inFlight).toBe(0);
  });

  it('starts items in input order', async () => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    const { stats, wrapped } = tracked(async (n: number) => {
      await sleep((n * 5) % 4);
      return n;
    });
    await mapWithConcurrency(items, 3, wrapped);
    expect(stats.started).toEqual(items);
  });

  it('calls fn exactly once per item', async () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const seen: string[] = [];
    await mapWithConcurrency(items, 3, async (item) => {
      seen.push(item);
      await sleep(1);
      return item;
    });
    expect([...seen].sort()).toEqual(items);
  });

  it('refills a lane as soon as a call finishes instead of waiting for the whole batch', async () => {
    // limit 2: item 0 is held until items 1..4 have all finished, which they can only do if the
    // free lane keeps pulling work while item 0 is still in flight.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const finished: number[] = [];
    const result = await mapWithConcurrency([0, 1, 2, 3, 4], 2, async (n) => {
      if (n === 0) await held;
      else await sleep(1);
      finished.push(n);
      if (finished.length === 4) release();
      return n;
    });
    expect(finished).toEqual([1, 2, 3, 4, 0]);
    expect(result).toEqual([0, 1, 2, 3, 4]);
  });

  it('with an empty input resolves to an empty array without calling fn', async () => {
    let calls = 0;
    const result = await mapWithConcurrency([], 4, () => {
      calls += 1;
      return Promise.resolve(1);
    });
    expect(result).toEqual([]);
    expect(calls).toBe(0);
  });

  it('with a limit larger than the input runs everything at once', async () => {
    const items = [1, 2, 3];
    const { stats, wrapped } = tracked(async (n: number) => {
      await sleep(2);
      return n * 10;
    });
    const result = await mapWithConcurrency(items, 100, wrapped);
    expect(result).toEqual([10, 20, 30]);
    expect(stats.peak).toBe(3);
  });

  it('with an infinite limit runs everything at once', async () => {
    const { stats, wrapped } = tracked(async (n: number) => {
      await sleep(1);
      return n;
    });
    expect(await mapWithConcurrency([1, 2, 3, 4], Number.POSITIVE_INFINITY, wrapped)).toEqual([
      1, 2, 3, 4,
    ]);
    expect(stats.peak).toBe(4);
  });

  it.each([0, -3])('with a limit of %i still makes progress, one at a time', async (limit) => {
    const { stats, wrapped } = tracked(async (n: number) => {
      await sleep(1);
      return n + 1;
    });
    expect(await mapWithConcurrency([1, 2, 3], limit, wrapped)).toEqual([2, 3, 4]);
    expect(stats.peak).toBe(1);
  });

  it('works with functions that resolve without waiting', async () => {
    const result = await mapWithConcurrency([1, 2, 3, 4, 5], 2, (n) => Promise.resolve(n * 2));
    expect(result).toEqual([2, 4, 6, 8, 10]);
  });

  it('propagates a rejection', async () => {
    const boom = new Error('boom');
    await expect(
      mapWithConcurrency([1, 2, 3, 4], 2, async (n) => {
        await sleep(1);
        if (n === 3) throw boom;
        return n;
      }),
    ).rejects.toBe(boom);
  });

  it('propagates a rejection from the very first item with a limit of 1', async () => {
    const seen: number[] = [];
    await expect(
      mapWithConcurrency([1, 2, 3], 1, (n) => {
        seen.push(n);
        return Promise.reject(new Error(`failed ${n}`));
      }),
    ).rejects.toThrow('failed 1');
    // With one lane the failing lane is the only one, so nothing after it starts.
    expect(seen).toEqual([1]);
  });

  it('does not leave a rejection unhandled when several calls fail', async () => {
    await expect(
      mapWithConcurrency([1, 2, 3, 4], 4, async (n) => {
        await sleep(n);
        throw new Error(`failed ${n}`);
      }),
    ).rejects.toThrow('failed 1');
    await sleep(10); // let the other lanes settle; vitest reports unhandled rejections
  });
});
