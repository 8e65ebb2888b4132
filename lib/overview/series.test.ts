import { describe, expect, it } from 'vitest';
import type { SeriesRow } from './window-rows';
import { failureSeries, fillBuckets, outcomeSeries, throughputSeries } from './series';
import { windowBounds } from './window';

const bounds = windowBounds('1h', new Date('2026-03-04T10:20:00.000Z'));
const at = (hhmm: string) => new Date(`2026-03-04T${hhmm}:00.000Z`);
const row = (p: Partial<SeriesRow> & Pick<SeriesRow, 'bucket'>): SeriesRow => ({
  flowId: 'f1',
  failureClass: null,
  received: 0,
  completed: 0,
  failed: 0,
  cancelled: 0,
  ...p,
});

describe('fillBuckets', () => {
  it('has every bucket, zero where nothing happened, and drops rows outside the window', () => {
    const points = fillBuckets(
      bounds,
      [
        { bucket: at('09:30'), n: 2 },
        { bucket: at('09:30'), n: 3 },
        { bucket: at('08:00'), n: 9 },
      ],
      () => ({ n: 0 }),
      (p, r) => {
        p.n += r.n;
      },
    );
    expect(points).toHaveLength(12);
    expect(points[0]).toEqual({ at: '2026-03-04T09:25:00.000Z', n: 0 });
    expect(points[1]).toEqual({ at: '2026-03-04T09:30:00.000Z', n: 5 });
    expect(points.reduce((s, p) => s + p.n, 0)).toBe(5);
  });
});

describe('outcomeSeries', () => {
  it('adds flows and classes of a bucket together and derives what is still in progress', () => {
    const points = outcomeSeries(bounds, [
      row({ bucket: at('10:20'), received: 10, completed: 6, failed: 1, cancelled: 1 }),
      row({ bucket: at('10:20'), flowId: 'f2', failureClass: 'auth', received: 2, failed: 2 }),
    ]);
    expect(points.at(-1)).toEqual({
      at: '2026-03-04T10:20:00.000Z',
      received: 12,
      completed: 6,
      failed: 3,
      cancelled: 1,
      inProgress: 2,
    });
  });
});

describe('throughputSeries', () => {
  it('keys arrivals by flow, every known flow in every point', () => {
    const points = throughputSeries(
      bounds,
      [
        row({ bucket: at('09:25'), received: 4 }),
        row({ bucket: at('09:25'), flowId: 'gone', received: 1 }),
      ],
      ['f1', 'f2'],
    );
    expect(points[0]?.byFlow).toEqual({ f1: 4, f2: 0 });
    expect(points[5]?.byFlow).toEqual({ f1: 0, f2: 0 });
  });
});

describe('failureSeries', () => {
  it('orders classes by total and fills every class in every point', () => {
    const { classes, points } = failureSeries(bounds, [
      row({ bucket: at('09:40'), failureClass: 'timeout', received: 1, failed: 1 }),
      row({ bucket: at('09:50'), failureClass: 'auth', received: 3, failed: 3 }),
      row({ bucket: at('09:50'), received: 9, completed: 9 }),
    ]);
    expect(classes).toEqual([
      { name: 'auth', total: 3 },
      { name: 'timeout', total: 1 },
    ]);
    expect(points[3]?.byClass).toEqual({ auth: 0, timeout: 1 });
    expect(points[5]?.byClass).toEqual({ auth: 3, timeout: 0 });
  });

  it('is empty without failures', () => {
    expect(failureSeries(bounds, [row({ bucket: at('09:50'), received: 1 })]).classes).toEqual([]);
  });
});
