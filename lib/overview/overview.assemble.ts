// Pure assembly of the Overview from its reads: per-flow figures, totals, the paused things with
// what waits behind them, and the business check. Kept apart from the queries so it is unit-tested.
import type { ConnectionHealth } from '@/lib/engine/connection-health.presenter';
import type { InProgressRow } from './overview.queries';
import type { LatencyRow, SeriesRow } from './window-rows';
import { ageSeconds, successRate, wholeMs } from './rates';
import { addCounts, failureSeries, outcomeSeries, throughputSeries, zeroCounts } from './series';
import type { WindowBounds } from './window';

export interface OverviewFacts {
  bounds: WindowBounds;
  now: Date;
  health: ConnectionHealth;
  series: readonly SeriesRow[];
  latency: readonly LatencyRow[];
  inProgress: readonly InProgressRow[];
}

function inProgressFacts(rows: readonly InProgressRow[]) {
  const byFlow = new Map<string, { retrying: number; oldest: Date | null }>();
  for (const row of rows) {
    const facts = byFlow.get(row.flowId) ?? { retrying: 0, oldest: null };
    if (row.status === 'waiting_retry') facts.retrying += row.count;
    if (!facts.oldest || row.oldest < facts.oldest) facts.oldest = row.oldest;
    byFlow.set(row.flowId, facts);
  }
  return byFlow;
}

export function buildOverview(f: OverviewFacts) {
  const { bounds, now, health } = f;
  const pending = inProgressFacts(f.inProgress);
  const latency = new Map(f.latency.map((l) => [l.flowId, l]));
  const totals = zeroCounts();
  const flows = health.flows.map((flow) => {
    const counts = zeroCounts();
    for (const row of f.series) if (row.flowId === flow.id) addCounts(counts, row);
    addCounts(totals, { ...counts });
    const l = latency.get(flow.id);
    const waiting = pending.get(flow.id);
    return {
      id: flow.id,
      name: flow.name,
      status: flow.status,
      source: flow.source,
      target: flow.target,
      operation: flow.operation,
      heldByPausedTarget: flow.heldByPausedTarget,
      counts,
      successRate: successRate(counts.completed, counts.failed),
      retrying: waiting?.retrying ?? 0,
      backlog: {
        total: flow.backlog.total,
        due: flow.backlog.due,
        oldestPendingAgeSeconds: ageSeconds(waiting?.oldest ?? null, now),
      },
      latency: {
        p50Ms: wholeMs(l?.p50Ms),
        p95Ms: wholeMs(l?.p95Ms),
        samples: l?.samples ?? 0,
      },
    };
  });
  const oldestPending = flows
    .map((fl) => fl.backlog.oldestPendingAgeSeconds)
    .filter((age): age is number => age !== null);
  const backlog = health.connections.reduce((n, c) => n + c.backlog.total, 0);
  return {
    asOf: now.toISOString(),
    window: {
      name: bounds.window,
      label: bounds.label,
      from: bounds.from.toISOString(),
      to: bounds.to.toISOString(),
      stepSeconds: bounds.stepMs / 1000,
    },
    totals: {
      ...totals,
      successRate: successRate(totals.completed, totals.failed),
      backlog,
      retrying: flows.reduce((n, fl) => n + fl.retrying, 0),
      oldestPendingAgeSeconds: oldestPending.length ? Math.max(...oldestPending) : null,
    },
    outcomes: outcomeSeries(bounds, f.series),
    throughput: throughputSeries(
      bounds,
      f.series,
      flows.map((fl) => fl.id),
    ),
    failures: failureSeries(bounds, f.series),
    flows,
    connections: health.connections,
    paused: pausedItems(health),
    /** nothing arrived in the window and nothing waits: the page shows its empty state */
    quiet: totals.received === 0 && backlog === 0 && oldestPending.length === 0,
  };
}

/** "Warehouse paused · 312 waiting": paused connections first, then paused flows. */
function pausedItems(health: ConnectionHealth) {
  return [
    ...health.connections
      .filter((c) => c.status === 'paused')
      .map((c) => ({
        kind: 'connection' as const,
        id: c.id,
        name: c.name,
        waiting: c.backlog.total,
        pause: c.pause,
      })),
    ...health.flows
      .filter((fl) => fl.status === 'paused')
      .map((fl) => ({
        kind: 'flow' as const,
        id: fl.id,
        name: fl.name,
        waiting: fl.backlog.total,
        pause: fl.pause,
      })),
  ];
}
