// Pure shaping of the grouped window rows into what the Overview draws: every bucket present
// (zero-filled, so a quiet hour is a visible dip, not a missing point), per flow and per class.
import type { SeriesRow } from './window-rows';
import { bucketIndex, type WindowBounds } from './window';

export interface Counts {
  received: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** arrived in the window and not settled yet */
  inProgress: number;
}

export const zeroCounts = (): Counts => ({
  received: 0,
  completed: 0,
  failed: 0,
  cancelled: 0,
  inProgress: 0,
});

export function addCounts(into: Counts, row: Omit<Counts, 'inProgress'>): Counts {
  into.received += row.received;
  into.completed += row.completed;
  into.failed += row.failed;
  into.cancelled += row.cancelled;
  into.inProgress = into.received - into.completed - into.failed - into.cancelled;
  return into;
}

type Bounds = Pick<WindowBounds, 'from' | 'stepMs' | 'starts'>;

/** One zero-filled point per bucket, `fill` adding each in-window row to its bucket's point. */
export function fillBuckets<P, R extends { bucket: Date }>(
  bounds: Bounds,
  rows: readonly R[],
  zero: () => P,
  fill: (point: P, row: R) => void,
): ({ at: string } & P)[] {
  const points = bounds.starts.map((start) => ({ at: start.toISOString(), ...zero() }));
  for (const row of rows) {
    const point = points[bucketIndex(bounds, row.bucket)];
    if (point) fill(point, row);
  }
  return points;
}

/** Arrivals and their outcome per bucket, all flows together. */
export function outcomeSeries(bounds: Bounds, rows: readonly SeriesRow[]) {
  return fillBuckets(bounds, rows, zeroCounts, (point, row) => addCounts(point, row));
}

/** Arrivals per bucket and flow (keys are flow ids; every known flow present in every point). */
export function throughputSeries(
  bounds: Bounds,
  rows: readonly SeriesRow[],
  flowIds: readonly string[],
) {
  return fillBuckets(
    bounds,
    rows,
    () => ({ byFlow: Object.fromEntries(flowIds.map((id) => [id, 0])) }),
    (point, row) => {
      if (row.flowId in point.byFlow)
        point.byFlow[row.flowId] = (point.byFlow[row.flowId] ?? 0) + row.received;
    },
  );
}

/** Failing arrivals per bucket and error class; classes ordered by their total, largest first. */
export function failureSeries(bounds: Bounds, rows: readonly SeriesRow[]) {
  const totals = new Map<string, number>();
  for (const row of rows)
    if (row.failureClass)
      totals.set(row.failureClass, (totals.get(row.failureClass) ?? 0) + row.received);
  const classes = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, total]) => ({ name, total }));
  const points = fillBuckets(
    bounds,
    rows,
    () => ({
      byClass: Object.fromEntries(classes.map((c) => [c.name, 0])),
    }),
    (point, row) => {
      if (row.failureClass)
        point.byClass[row.failureClass] = (point.byClass[row.failureClass] ?? 0) + row.received;
    },
  );
  return { classes, points };
}
