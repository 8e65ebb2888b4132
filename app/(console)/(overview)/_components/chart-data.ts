// Server-side shaping of the overview into chart rows: time labels are formatted here, once, so
// the browser draws exactly what the server rendered (no hydration disagreement about time zones).
import type { Overview } from '@/lib/overview/overview.presenter';
import type { OverviewWindow } from '@/lib/overview/window';
import type { ChartRow, ChartSeries } from './stacked-chart';

const PALETTE = [
  '#2563eb',
  '#16a34a',
  '#d97706',
  '#9333ea',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#dc2626',
  '#0d9488',
  '#7c3aed',
  '#ca8a04',
  '#475569',
  '#be123c',
];

// Axis labels in the viewer's zone (the page's caption names it), shorter than a full time.
export function bucketLabel(iso: string, window: OverviewWindow, zone = 'UTC'): string {
  const options: Intl.DateTimeFormatOptions =
    window === '7d'
      ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
      : { hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat('en-GB', { ...options, hourCycle: 'h23', timeZone: zone }).format(
    new Date(iso),
  );
}

export function throughputChart(o: Overview, zone?: string) {
  const series: ChartSeries[] = o.flows.map((f, i) => ({
    key: `f${i}`,
    name: f.name,
    color: PALETTE[i % PALETTE.length] ?? '#475569',
  }));
  const rows: ChartRow[] = o.throughput.map((p) => ({
    label: bucketLabel(p.at, o.window.name, zone),
    ...Object.fromEntries(o.flows.map((f, i) => [`f${i}`, p.byFlow[f.id] ?? 0])),
  }));
  return { rows, series };
}

export function outcomeChart(o: Overview, zone?: string) {
  const series: ChartSeries[] = [
    { key: 'completed', name: 'Completed', color: '#16a34a' },
    { key: 'failed', name: 'Failed or needs review', color: '#dc2626' },
    { key: 'inProgress', name: 'Still in progress', color: '#2563eb' },
    { key: 'cancelled', name: 'Cancelled', color: '#64748b' },
  ];
  const rows: ChartRow[] = o.outcomes.map((p) => ({
    label: bucketLabel(p.at, o.window.name, zone),
    completed: p.completed,
    failed: p.failed,
    inProgress: p.inProgress,
    cancelled: p.cancelled,
  }));
  return { rows, series };
}

export function failureChart(o: Overview, zone?: string) {
  const series: ChartSeries[] = o.failures.classes.map((c, i) => ({
    key: `c${i}`,
    name: c.name.replaceAll('_', ' '),
    color: PALETTE[(i + 7) % PALETTE.length] ?? '#475569',
  }));
  const rows: ChartRow[] = o.failures.points.map((p) => ({
    label: bucketLabel(p.at, o.window.name, zone),
    ...Object.fromEntries(o.failures.classes.map((c, i) => [`c${i}`, p.byClass[c.name] ?? 0])),
  }));
  return { rows, series };
}
