import { describe, expect, it } from 'vitest';
import { ageSeconds, successRate, wholeMs } from './rates';

describe('successRate', () => {
  it('is null when nothing settled', () => expect(successRate(0, 0)).toBeNull());

  it('rounds to one decimal', () => {
    expect(successRate(2, 1)).toBe(66.7);
    expect(successRate(1, 2)).toBe(33.3);
    expect(successRate(999, 1)).toBe(99.9);
    expect(successRate(1, 7)).toBe(12.5);
  });

  it('is exactly 100 or 0 only when the counts say so', () => {
    expect(successRate(5, 0)).toBe(100);
    expect(successRate(0, 5)).toBe(0);
  });

  it('never rounds a failure away, nor a success', () => {
    expect(successRate(19_999, 1)).toBe(99.9);
    expect(successRate(1, 19_999)).toBe(0.1);
  });
});

describe('ageSeconds', () => {
  const now = new Date('2026-03-04T10:00:00.000Z');

  it('counts whole seconds', () =>
    expect(ageSeconds(new Date('2026-03-04T09:58:00.500Z'), now)).toBe(119));

  it('is never negative and null without a start', () => {
    expect(ageSeconds(new Date('2026-03-04T10:00:05.000Z'), now)).toBe(0);
    expect(ageSeconds(null, now)).toBeNull();
  });
});

describe('wholeMs', () => {
  it('rounds and keeps null', () => {
    expect(wholeMs(1234.56)).toBe(1235);
    expect(wholeMs(null)).toBeNull();
    expect(wholeMs(undefined)).toBeNull();
    expect(wholeMs(Number.NaN)).toBeNull();
  });
});
