// Read model of the Overview screen (product.md screen 1): throughput, outcomes, failures by
// class, latency, backlog and the business checks (SLA rules) for one tenant and window. Four reads run side
// by side; each is bounded by the window or by the small set of unsettled transactions. The
// window is read once: series, failure classes, counts and latency percentiles all come from it;
// hourly windows read their closed hours from the hourly roll-up (rolled-window-rows.ts).
import { tenantDb, type Db } from '@/lib/db';
import { getConnectionHealth } from '@/lib/engine/connection-health.presenter';
import { businessChecks } from '@/lib/sla/business-checks.presenter';
import { buildOverview } from './overview.assemble';
import { inProgressByFlow } from './overview.queries';
import { windowRowsWithRollups } from './rolled-window-rows';
import { windowBounds, type OverviewWindow } from './window';
import { splitWindowRows } from './window-rows';

export async function getOverview(
  db: Db,
  tenantId: string,
  options: { window: OverviewWindow; now?: Date; maskPersonalData?: boolean },
) {
  const now = options.now ?? new Date();
  const bounds = windowBounds(options.window, now);
  const [health, scanned, inProgress, checks] = await Promise.all([
    getConnectionHealth(tenantDb(db, tenantId), {
      now,
      maskPersonalData: options.maskPersonalData,
    }),
    windowRowsWithRollups(db, tenantId, bounds),
    inProgressByFlow(db, tenantId),
    businessChecks(db, tenantId, { now, window: bounds }),
  ]);
  const { series, latency } = splitWindowRows(scanned);
  const overview = buildOverview({ bounds, now, health, series, latency, inProgress });
  return {
    ...overview,
    businessChecks: checks,
    quiet: overview.quiet && checks.every((c) => c.late === 0),
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
export type OverviewFlow = Overview['flows'][number];
export type OverviewConnection = Overview['connections'][number];
export type OverviewBusinessCheck = Overview['businessChecks'][number];
