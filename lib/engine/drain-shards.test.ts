import { describe, expect, it } from 'vitest';
import { laneCaps, shareOf } from './drain-shards';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('shareOf', () => {
  it('cuts a total as evenly as whole numbers allow, the remainder to the first parts', () => {
    expect([0, 1, 2].map((i) => shareOf(10, 3, i))).toEqual([4, 3, 3]);
    expect([0, 1].map((i) => shareOf(32, 2, i))).toEqual([16, 16]);
    expect([0, 1, 2, 3].map((i) => shareOf(2, 4, i))).toEqual([1, 1, 0, 0]);
  });

  it('gives nothing to a part that does not exist', () => {
    expect(shareOf(10, 2, 2)).toBe(0);
    expect(shareOf(10, 2, -1)).toBe(0);
    expect(shareOf(10, 2, 0.5)).toBe(0);
  });

  it('refuses a total or a number of parts that is not a count', () => {
    expect(() => shareOf(-1, 2, 0)).toThrow(/not a count/);
    expect(() => shareOf(1.5, 2, 0)).toThrow(/not a count/);
    expect(() => shareOf(4, 0, 0)).toThrow(/parts/);
  });
});

describe('laneCaps', () => {
  it('splits a connection of 32 between 2 shards of 4 lanes: 4 lanes of 4 each', () => {
    expect(laneCaps(32, 2, 0, 4)).toEqual([4, 4, 4, 4]);
    expect(laneCaps(32, 2, 1, 4)).toEqual([4, 4, 4, 4]);
  });

  it('runs fewer lanes than configured when the share is smaller than the lanes', () => {
    expect(laneCaps(5, 2, 0, 4)).toEqual([1, 1, 1]);
    expect(laneCaps(5, 2, 1, 4)).toEqual([1, 1]);
  });

  it('leaves a shard idle when the connection allows fewer calls at once than there are shards', () => {
    expect(laneCaps(1, 2, 0, 4)).toEqual([1]);
    expect(laneCaps(1, 2, 1, 4)).toEqual([]);
    expect(laneCaps(3, 4, 3, 1)).toEqual([]);
  });

  it('gives a shard left from a larger DRAIN_SHARDS nothing to do', () => {
    expect(laneCaps(32, 2, 2, 4)).toEqual([]);
  });

  it('is the old one-drain split when there is one shard, without rounding up', () => {
    expect(laneCaps(8, 1, 0, 4)).toEqual([2, 2, 2, 2]);
    // ceil(5 / 4) = 2 per lane used to allow 8 at once; the caps now add up to 5
    expect(laneCaps(5, 1, 0, 4)).toEqual([2, 1, 1, 1]);
    expect(laneCaps(8, 1, 0, 0)).toEqual([8]);
  });

  it('never lets all lanes of all shards together exceed maxConcurrency, nor leave any unused (sweep)', () => {
    const wrong: string[] = [];
    for (let max = 0; max <= 70; max += 1)
      for (let shards = 1; shards <= 9; shards += 1)
        for (let lanes = 1; lanes <= 9; lanes += 1) {
          const caps = Array.from({ length: shards }, (_, s) => laneCaps(max, shards, s, lanes));
          const all = caps.flat();
          if (sum(all) !== max)
            wrong.push(`max ${max} shards ${shards} lanes ${lanes}: ${sum(all)}`);
          if (all.some((c) => c < 1)) wrong.push(`max ${max}: a lane with cap 0`);
          if (caps.some((c) => c.length > lanes)) wrong.push(`max ${max}: more lanes than allowed`);
          // even: no two lanes differ by more than one
          if (all.length > 0 && Math.max(...all) - Math.min(...all) > 1)
            wrong.push(`max ${max} shards ${shards} lanes ${lanes}: uneven ${all.join(',')}`);
        }
    expect(wrong).toEqual([]);
  });
});
