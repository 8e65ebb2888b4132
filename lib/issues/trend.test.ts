import { describe, expect, it } from 'vitest';
import { bucketTrend } from './trend';

const now = new Date('2026-01-10T12:30:00Z');

describe('bucketTrend', () => {
  it('counts per hour over 48 hours for a young issue, gaps filled', () => {
    const t = bucketTrend(
      [
        { hour: '2026-01-10T12:00:00.000Z', count: 3 },
        { hour: '2026-01-10T10:00:00.000Z', count: 1 },
      ],
      now,
      '2026-01-10T10:05:00Z',
    );
    expect(t.unit).toBe('hour');
    expect(t.points).toHaveLength(48);
    expect(t.points.at(-1)).toMatchObject({ label: '12:00', count: 3 });
    expect(t.points.at(-2)?.count).toBe(0);
    expect(t.points.at(-3)).toMatchObject({ label: '10:00', count: 1 });
  });

  it('sums hours into UTC days over 14 days for an older issue, older hours left out', () => {
    const t = bucketTrend(
      [
        { hour: '2026-01-10T01:00:00.000Z', count: 2 },
        { hour: '2026-01-10T11:00:00.000Z', count: 5 },
        { hour: '2026-01-09T23:00:00.000Z', count: 1 },
        { hour: '2025-12-01T00:00:00.000Z', count: 9 },
      ],
      now,
      '2025-12-01T00:00:00Z',
    );
    expect(t.unit).toBe('day');
    expect(t.points).toHaveLength(14);
    expect(t.points.at(-1)).toMatchObject({ label: '01-10', count: 7 });
    expect(t.points.at(-2)).toMatchObject({ label: '01-09', count: 1 });
    expect(t.points.reduce((n, p) => n + p.count, 0)).toBe(8);
  });
});
