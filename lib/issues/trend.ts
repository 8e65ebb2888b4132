// The issue page's trend from its hourly counts: per hour over the last 48 hours when that is all
// the issue has, per UTC day over 14 days otherwise, with empty buckets filled so the bars line
// up with time. Pure.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface TrendPoint {
  /** the bucket's start, ISO */
  at: string;
  label: string;
  count: number;
}

export function bucketTrend(
  hourly: readonly { hour: string; count: number }[],
  now: Date,
  firstSeenAt: string,
): { unit: 'hour' | 'day'; points: TrendPoint[] } {
  const young = now.getTime() - Date.parse(firstSeenAt) <= 2 * DAY;
  const size = young ? HOUR : DAY;
  const buckets = young ? 48 : 14;
  const end = Math.floor(now.getTime() / size) * size;
  const start = end - (buckets - 1) * size;
  const counts = new Map<number, number>();
  for (const h of hourly) {
    const at = Math.floor(Date.parse(h.hour) / size) * size;
    if (at >= start) counts.set(at, (counts.get(at) ?? 0) + h.count);
  }
  const points = Array.from({ length: buckets }, (_, i) => {
    const at = new Date(start + i * size);
    const iso = at.toISOString();
    return {
      at: iso,
      label: young ? `${iso.slice(11, 13)}:00` : iso.slice(5, 10),
      count: counts.get(at.getTime()) ?? 0,
    };
  });
  return { unit: young ? 'hour' : 'day', points };
}
