// The guided recovery page: the stored recovery with every step's state (recovery-steps.ts) and
// what the ledger says now — what still waits, the fixes made since the outage began, the
// pre-flight's findings, the drain's progress and replay, the window's reconciliation runs — and
// the recovery's own audit trail. Tenant-scoped: every read names the tenant.
import { tenantDb, type Db } from '@/lib/db';
import {
  summarisePreflight,
  targetNames,
  type PreflightStatus,
} from '@/lib/engine/replay-preflight-summary';
import { changesSince, type ConfigChange } from './recovery-changes';
import { totalsOf, waitingByFlow, type WaitingFlow } from './recovery-facts';
import { recoverySteps, type RecoveryState, type StepState } from './recovery-steps';

export interface RecoveryView {
  id: string;
  state: RecoveryState;
  cause: 'paused' | 'circuit_open';
  causeDetail: string | null;
  outageFrom: Date;
  outageTo: Date | null;
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  finishedBy: string | null;
  connection: {
    id: string;
    name: string;
    status: string;
    circuitState: string;
    rateLimitPerSecond: number | null;
  };
  steps: StepState[];
  waiting: { flows: WaitingFlow[]; held: number; failed: number; atStart: number };
  fix: { confirmedAt: Date | null; note: string | null; changes: ConfigChange[]; flows: Named[] };
  preview: {
    at: Date | null;
    held: number | null;
    failed: number | null;
    preflight: PreflightFacts | null;
  };
  drain: {
    ratePerSecond: number | null;
    startedAt: Date | null;
    total: number | null;
    remaining: number;
    replay: ReplayFacts | null;
  };
  reconcile: { windowFrom: Date; windowTo: Date | null; runs: RunFacts[] };
  trail: TrailEntry[];
}

interface Named {
  id: string;
  name: string;
}
export interface PreflightFacts {
  id: string;
  status: PreflightStatus;
  /** the words of the Replays screen: "47 selected: 7 already at the Warehouse (…), 40 to send" */
  headline: string;
  caveats: string[];
}
export interface ReplayFacts {
  id: string;
  status: string;
  total: number;
  replayed: number;
  skipped: number;
}
export interface RunFacts {
  id: string;
  flowName: string;
  status: string;
  listed: number;
  matched: number;
  drifted: number;
}
export interface TrailEntry {
  seq: number;
  action: string;
  actorLabel: string;
  reason: string | null;
  after: unknown;
  createdAt: Date;
}

export async function recoveryView(
  db: Db,
  tenantId: string,
  recoveryId: string,
): Promise<RecoveryView | null> {
  const scoped = tenantDb(db, tenantId);
  const r = await scoped.recovery.findFirst({
    where: { id: recoveryId },
    include: {
      connection: {
        select: {
          id: true,
          name: true,
          status: true,
          circuitState: true,
          rateLimitPerSecond: true,
          targetFlows: { select: { id: true, name: true }, orderBy: { name: 'asc' } },
        },
      },
    },
  });
  if (!r) return null;
  const [flows, remainingFlows, changes, preflight, replay, runs, trail] = await Promise.all([
    waitingByFlow(db, tenantId, r.connectionId, r.outageFrom),
    r.drainStartedAt
      ? waitingByFlow(db, tenantId, r.connectionId, r.outageFrom, r.drainStartedAt)
      : Promise.resolve([]),
    changesSince(db, tenantId, r.connectionId, r.outageFrom),
    r.preflightId
      ? db.replayPreflight.findFirst({
          where: { id: r.preflightId, tenantId },
          select: {
            id: true,
            status: true,
            selected: true,
            found: true,
            absent: true,
            notCheckable: true,
            failedToCheck: true,
            notChecked: true,
          },
        })
      : null,
    r.replayBatchId
      ? scoped.replayBatch.findFirst({
          where: { id: r.replayBatchId },
          select: { id: true, status: true, total: true, replayed: true, skipped: true },
        })
      : null,
    scoped.reconciliationRun.findMany({
      where: { id: { in: r.reconciliationRunIds } },
      select: {
        id: true,
        status: true,
        listed: true,
        matched: true,
        drifted: true,
        flowId: true,
      },
      orderBy: { createdAt: 'asc' },
    }),
    scoped.auditEntry.findMany({
      where: { objectType: 'recovery', objectId: r.id },
      select: {
        seq: true,
        action: true,
        actorLabel: true,
        reason: true,
        after: true,
        createdAt: true,
      },
      orderBy: { seq: 'asc' },
    }),
  ]);
  const totals = totalsOf(flows);
  const remaining = totalsOf(remainingFlows);
  const unfinishedRuns = runs.filter((run) => run.status === 'running').length;
  const { connection } = r;
  return {
    id: r.id,
    state: r.state,
    cause: r.cause === 'circuit_open' ? 'circuit_open' : 'paused',
    causeDetail: r.causeDetail,
    outageFrom: r.outageFrom,
    outageTo: r.outageTo,
    startedBy: r.startedBy,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    finishedBy: r.finishedBy,
    connection: {
      id: connection.id,
      name: connection.name,
      status: connection.status,
      circuitState: connection.circuitState,
      rateLimitPerSecond: connection.rateLimitPerSecond,
    },
    steps: recoverySteps(r, {
      remaining: remaining.held + remaining.failed,
      runsUnfinished: unfinishedRuns,
    }),
    waiting: { flows, ...totals, atStart: r.waitingAtStart + r.failedAtStart },
    fix: {
      confirmedAt: r.fixConfirmedAt,
      note: r.fixNote,
      changes,
      flows: connection.targetFlows,
    },
    preview: {
      at: r.previewedAt,
      held: r.previewWaiting,
      failed: r.previewFailed,
      preflight: preflight && preflightFacts(preflight, connection.name),
    },
    drain: {
      ratePerSecond: r.drainRatePerSecond,
      startedAt: r.drainStartedAt,
      total: r.drainTotal,
      remaining: remaining.held + remaining.failed,
      replay: replay ?? null,
    },
    reconcile: {
      windowFrom: r.outageFrom,
      windowTo: r.outageTo,
      runs: runs.map((run) => ({
        id: run.id,
        flowName: connection.targetFlows.find((f) => f.id === run.flowId)?.name ?? 'a flow',
        status: run.status,
        listed: run.listed,
        matched: run.matched,
        drifted: run.drifted,
      })),
    },
    trail,
  };
}

/** The connection's active recovery, else its latest, for the connection page's link. */
export async function latestRecoveryOf(db: Db, tenantId: string, connectionId: string) {
  return tenantDb(db, tenantId).recovery.findFirst({
    where: { connectionId },
    orderBy: [{ startedAt: 'desc' }],
    select: { id: true, state: true, startedAt: true },
  });
}

function preflightFacts(
  row: Parameters<typeof summarisePreflight>[0] & { id: string; status: PreflightStatus },
  connectionName: string,
): PreflightFacts {
  const summary = summarisePreflight(row, row.status, targetNames([connectionName]));
  return {
    id: row.id,
    status: row.status,
    headline: summary.headline,
    caveats: summary.caveats,
  };
}
