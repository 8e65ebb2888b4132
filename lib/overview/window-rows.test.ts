import { describe, expect, it } from 'vitest';
import { latencyBucket } from './latency-histogram';
import { splitWindowRows, type WindowRow } from './window-rows';

const at = new Date('2026-03-04T10:00:00.000Z');
const row = (p: Partial<WindowRow> & Pick<WindowRow, 'status' | 'count'>): WindowRow => ({
  flowId: 'f1',
  bucket: at,
  errorClass: null,
  latencyBucket: null,
  ...p,
});

describe('splitWindowRows', () => {
  it('turns the status grouping into outcome counts and failure classes', () => {
    const { series } = splitWindowRows([
      row({ status: 'completed', count: 5 }),
      row({ status: 'failed', errorClass: 'timeout', count: 2 }),
      row({ status: 'waiting_retry', count: 1 }),
      row({ status: 'cancelled', count: 1 }),
      row({ status: 'received', count: 3 }),
    ]);
    expect(series).toEqual([
      {
        flowId: 'f1',
        bucket: at,
        failureClass: null,
        received: 5,
        completed: 5,
        failed: 0,
        cancelled: 0,
      },
      {
        flowId: 'f1',
        bucket: at,
        failureClass: 'timeout',
        received: 2,
        completed: 0,
        failed: 2,
        cancelled: 0,
      },
      {
        flowId: 'f1',
        bucket: at,
        failureClass: 'unknown',
        received: 1,
        completed: 0,
        failed: 0,
        cancelled: 0,
      },
      {
        flowId: 'f1',
        bucket: at,
        failureClass: null,
        received: 1,
        completed: 0,
        failed: 0,
        cancelled: 1,
      },
      {
        flowId: 'f1',
        bucket: at,
        failureClass: null,
        received: 3,
        completed: 0,
        failed: 0,
        cancelled: 0,
      },
    ]);
  });

  it('reads per-flow percentiles from the latency grouping only, of completed ones', () => {
    const { series, latency } = splitWindowRows([
      row({ status: 'completed', count: 2 }),
      row({ bucket: null, status: 'completed', latencyBucket: latencyBucket(10_000), count: 1 }),
      row({ bucket: null, status: 'completed', latencyBucket: latencyBucket(20_000), count: 1 }),
      row({ bucket: null, status: 'failed', count: 7 }),
      row({ flowId: 'f2', bucket: null, status: 'received', count: 3 }),
    ]);
    expect(series).toHaveLength(1);
    expect(latency).toHaveLength(1);
    expect(latency[0]).toMatchObject({ flowId: 'f1', samples: 2 });
    expect(Math.abs((latency[0]?.p50Ms ?? 0) - 15_000)).toBeLessThan(150);
    expect(Math.abs((latency[0]?.p95Ms ?? 0) - 19_500)).toBeLessThan(195);
  });
});
