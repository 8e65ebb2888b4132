import { describe, expect, it } from 'vitest';
import { bucketIndex, overviewWindowSchema, parseWindow, windowBounds } from './window';

describe('parseWindow', () => {
  it.each(['1h', '24h', '7d'] as const)('accepts %s', (w) => expect(parseWindow(w)).toBe(w));

  it.each([undefined, '', '30d', '24H', ' 1h'])('falls back to 24h for %j', (raw) =>
    expect(parseWindow(raw)).toBe('24h'),
  );

  it('takes the first of repeated values', () => expect(parseWindow(['7d', '1h'])).toBe('7d'));
});

describe('overviewWindowSchema (API)', () => {
  it('defaults a missing window and refuses an unknown one', () => {
    expect(overviewWindowSchema.parse(undefined)).toBe('24h');
    expect(overviewWindowSchema.safeParse('30d').success).toBe(false);
  });
});

describe('windowBounds', () => {
  const now = new Date('2026-03-04T10:20:30.000Z');

  it('24h: 24 whole UTC hours, the last one in progress', () => {
    const b = windowBounds('24h', now);
    expect(b.starts).toHaveLength(24);
    expect(b.from.toISOString()).toBe('2026-03-03T11:00:00.000Z');
    expect(b.starts.at(-1)?.toISOString()).toBe('2026-03-04T10:00:00.000Z');
    expect(b.to).toBe(now);
  });

  it('1h: twelve 5-minute buckets', () => {
    const b = windowBounds('1h', now);
    expect(b.stepMs).toBe(300_000);
    expect(b.starts).toHaveLength(12);
    expect(b.from.toISOString()).toBe('2026-03-04T09:25:00.000Z');
  });

  it('7d: 168 hours', () => {
    const b = windowBounds('7d', now);
    expect(b.starts).toHaveLength(168);
    expect(b.from.toISOString()).toBe('2026-02-25T11:00:00.000Z');
  });

  it('a moment exactly on a boundary opens a new bucket', () => {
    const b = windowBounds('24h', new Date('2026-03-04T10:00:00.000Z'));
    expect(b.starts.at(-1)?.toISOString()).toBe('2026-03-04T10:00:00.000Z');
  });
});

describe('bucketIndex', () => {
  const b = windowBounds('24h', new Date('2026-03-04T10:20:00.000Z'));

  it('places a time in its hour', () => {
    expect(bucketIndex(b, new Date('2026-03-03T11:00:00.000Z'))).toBe(0);
    expect(bucketIndex(b, new Date('2026-03-03T11:59:59.999Z'))).toBe(0);
    expect(bucketIndex(b, new Date('2026-03-04T10:19:00.000Z'))).toBe(23);
  });

  it('answers -1 outside the window', () => {
    expect(bucketIndex(b, new Date('2026-03-03T10:59:59.999Z'))).toBe(-1);
    expect(bucketIndex(b, new Date('2026-03-04T11:00:00.000Z'))).toBe(-1);
  });
});
