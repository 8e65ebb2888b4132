import { describe, expect, it } from 'vitest';
import { closedHours } from './refresh-rollups';
import { liveFrom } from './rolled-window-rows';

const at = (iso: string) => new Date(iso);
const bounds = {
  from: at('2026-03-03T11:00:00.000Z'),
  to: at('2026-03-04T10:20:00.000Z'),
  stepMs: 3_600_000,
};

describe('liveFrom()', () => {
  it('scans the whole window live when nothing is rolled up', () => {
    expect(liveFrom(bounds, null)).toEqual(bounds.from);
  });

  it('starts the live scan after the last rolled-up hour', () => {
    expect(liveFrom(bounds, at('2026-03-04T07:00:00.000Z'))).toEqual(
      at('2026-03-04T07:00:00.000Z'),
    );
  });

  it('always scans the open hour live, even if roll-ups claim it', () => {
    expect(liveFrom(bounds, at('2026-03-04T12:00:00.000Z'))).toEqual(
      at('2026-03-04T10:00:00.000Z'),
    );
  });

  it('never starts before the window', () => {
    expect(liveFrom(bounds, at('2026-03-01T00:00:00.000Z'))).toEqual(bounds.from);
  });
});

describe('closedHours()', () => {
  const now = at('2026-03-04T10:20:00.000Z');

  it('widens to whole hours and stops at the open hour', () => {
    expect(
      closedHours({
        from: at('2026-03-04T06:30:00.000Z'),
        to: at('2026-03-04T12:00:00.000Z'),
        now,
      }),
    ).toEqual({ from: at('2026-03-04T06:00:00.000Z'), to: at('2026-03-04T10:00:00.000Z') });
  });

  it('is empty when the range has no closed hour', () => {
    const r = closedHours({ from: at('2026-03-04T10:05:00.000Z'), to: now, now });
    expect(r.to.getTime() - r.from.getTime()).toBe(0);
  });
});
