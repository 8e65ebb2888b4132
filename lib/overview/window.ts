// The Overview's time windows: how far back each looks and how finely it is bucketed. Buckets are
// aligned to the epoch (whole UTC hours, whole 5-minute steps) so the SQL `date_bin` and the
// series built here agree on every bucket start; the last bucket is the one still in progress.
import { z } from 'zod';

export const OVERVIEW_WINDOWS = ['1h', '24h', '7d'] as const;
export type OverviewWindow = (typeof OVERVIEW_WINDOWS)[number];
export const DEFAULT_WINDOW: OverviewWindow = '24h';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const SPECS: Record<OverviewWindow, { stepMs: number; buckets: number; label: string }> = {
  '1h': { stepMs: 5 * MINUTE, buckets: 12, label: 'last hour' },
  '24h': { stepMs: HOUR, buckets: 24, label: 'last 24 hours' },
  '7d': { stepMs: HOUR, buckets: 168, label: 'last 7 days' },
};

/** Strict, for the API: an unknown window is a 422, not a silent default. */
export const overviewWindowSchema = z.enum(OVERVIEW_WINDOWS).default(DEFAULT_WINDOW);

/** Lenient, for the page: a hand-edited URL falls back to the default instead of failing. */
export function parseWindow(raw: string | string[] | undefined): OverviewWindow {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (OVERVIEW_WINDOWS as readonly string[]).includes(value ?? '')
    ? (value as OverviewWindow)
    : DEFAULT_WINDOW;
}

export interface WindowBounds {
  window: OverviewWindow;
  label: string;
  /** start of the first bucket (inclusive) */
  from: Date;
  /** the moment the overview is built for (inclusive) */
  to: Date;
  stepMs: number;
  /** every bucket start, oldest first; the last one contains `to` */
  starts: Date[];
}

export function windowBounds(window: OverviewWindow, now: Date): WindowBounds {
  const { stepMs, buckets, label } = SPECS[window];
  const current = Math.floor(now.getTime() / stepMs) * stepMs;
  const first = current - (buckets - 1) * stepMs;
  const starts = Array.from({ length: buckets }, (_, i) => new Date(first + i * stepMs));
  return { window, label, from: new Date(first), to: now, stepMs, starts };
}

/** Position of `at` among the window's buckets, or -1 outside the window. */
export function bucketIndex(bounds: Pick<WindowBounds, 'from' | 'stepMs' | 'starts'>, at: Date) {
  const i = Math.floor((at.getTime() - bounds.from.getTime()) / bounds.stepMs);
  return i >= 0 && i < bounds.starts.length ? i : -1;
}
