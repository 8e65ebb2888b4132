// The typed job catalog: every job name with its queue, payload schema (ids only: the ledger holds
// the data) and options. Workers and producers both read it; nothing else names a queue.
import { z } from 'zod';
import type { JobsOptions } from 'bullmq';

/** Jobs exist only while work is pending: the ledger holds every record, so ids free up at once. */
const TRANSIENT = { removeOnComplete: true, removeOnFail: true } satisfies JobsOptions;

/** DRAIN_SHARDS' default: a busy connection can use two worker processes (lib/env.ts says why). */
export const DEFAULT_DRAIN_SHARDS = 2;
/** More shards than this only add idle jobs: each shard needs at least one of the connection's
 *  concurrency slots to do anything, and a sweep queues every shard of every due connection. */
export const MAX_DRAIN_SHARDS = 64;

/** The job id of one shard of a connection's drain: at most one of each runs in the cluster. */
export function drainJobId(connectionId: string, shard: number): string {
  return `drain-${connectionId}-${shard}`;
}

/** The jobs that wake every shard of these connections' drains (each connection once). */
export function drainJobs(
  tenantId: string,
  connectionIds: readonly string[],
  shards: number,
): { tenantId: string; connectionId: string; shard: number }[] {
  const count = Math.min(MAX_DRAIN_SHARDS, Math.max(1, Math.floor(shards)));
  return [...new Set(connectionIds)].flatMap((connectionId) =>
    Array.from({ length: count }, (_, shard) => ({ tenantId, connectionId, shard })),
  );
}

export const JOBS = {
  // Drains one shard of a target connection's due outbox rows within its rate limit, concurrency
  // and circuit. A connection's drain is DRAIN_SHARDS jobs, woken together (drainJobs, below), so
  // a busy connection can run in several worker processes; the job id is per connection and shard,
  // so at most one drain of each shard runs in the cluster at a time. The shards share the rows
  // (claims skip locked rows), the rate limit (a token bucket in Redis) and the concurrency (split
  // exactly between them): lib/engine/drain.ts. Provider failures are retried by the engine
  // through the ledger; a job fails only on infrastructure faults, and the next sweep re-adds it.
  // A job queued before shards existed has no shard: it is shard 0.
  'connection.drain': {
    queue: 'dispatch',
    schema: z.object({
      tenantId: z.uuid(),
      connectionId: z.uuid(),
      shard: z
        .int()
        .min(0)
        .max(MAX_DRAIN_SHARDS - 1)
        .optional(),
    }),
    jobId: (d: { connectionId: string; shard?: number | undefined }) =>
      drainJobId(d.connectionId, d.shard ?? 0),
    options: { ...TRANSIENT, attempts: 1 } satisfies JobsOptions,
  },
  // Works through a replay batch in chunks, recording progress in the ledger; resumable.
  'replay.batch': {
    queue: 'operations',
    schema: z.object({ tenantId: z.uuid(), batchId: z.uuid() }),
    jobId: (d: { batchId: string }) => `replay-${d.batchId}`,
    options: {
      ...TRANSIENT,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
    } satisfies JobsOptions,
  },
  // A replay's pre-flight (lib/engine/replay-preflight-chunk.ts): asks the targets, chunk by
  // chunk at their rate limits, which selected transactions they already hold; progress and the
  // cursor are in the ledger, so a retried job resumes, and a cancel stops it between chunks.
  'replay.preflight': {
    queue: 'operations',
    schema: z.object({ tenantId: z.uuid(), preflightId: z.uuid() }),
    jobId: (d: { preflightId: string }) => `preflight-${d.preflightId}`,
    options: {
      ...TRANSIENT,
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
    } satisfies JobsOptions,
  },
  // A scheduled source (e.g. the ERP inventory export): fetched and recorded like a webhook.
  'flow.poll': {
    queue: 'operations',
    schema: z.object({ tenantId: z.uuid(), flowId: z.uuid() }),
    jobId: (d: { flowId: string }) => `poll-${d.flowId}`,
    options: { ...TRANSIENT, attempts: 1 } satisfies JobsOptions,
  },
  // One reconciliation run, page by page: each chunk lists, compares and writes its drift items
  // and counters in one transaction and saves the cursor, so a retried job resumes where the last
  // committed chunk ended (lib/reconciliation/run-chunk.ts).
  'reconciliation.run': {
    queue: 'operations',
    schema: z.object({ tenantId: z.uuid(), runId: z.uuid() }),
    jobId: (d: { runId: string }) => `reconcile-${d.runId}`,
    options: {
      ...TRANSIENT,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
    } satisfies JobsOptions,
  },
  // The nightly run of one flow (a job scheduler per flow, lib/reconciliation/schedule.ts): starts
  // the run for the previous UTC day and queues 'reconciliation.run'.
  'reconciliation.scheduled': {
    queue: 'operations',
    schema: z.object({ tenantId: z.uuid(), flowId: z.uuid() }),
    jobId: (d: { flowId: string }) => `reconcile-scheduled-${d.flowId}`,
    options: { ...TRANSIENT, attempts: 1 } satisfies JobsOptions,
  },
  // Recomputes the Overview's hourly roll-ups of every tenant for the closed hours of the last
  // `lookbackHours` (lib/overview/rollup-job.ts). Scheduled, not per tenant: the data carries the
  // span only. Its own queue, so a long pass never waits behind replay batches or holds them up.
  'overview.rollup': {
    queue: 'maintenance',
    schema: z.object({
      lookbackHours: z
        .int()
        .min(1)
        .max(24 * 31),
    }),
    jobId: (d: { lookbackHours: number }) => `overview-rollup-${d.lookbackHours}h`,
    options: { ...TRANSIENT, attempts: 1 } satisfies JobsOptions,
  },
  // Absence checks (lib/sla/check-slas.ts): every enabled SLA rule of every tenant, each minute;
  // set-based and bounded per rule, idempotent (a breach is raised once per rule and key).
  'sla.check': {
    queue: 'maintenance',
    schema: z.object({}),
    jobId: () => 'sla-check',
    options: { ...TRANSIENT, attempts: 1 } satisfies JobsOptions,
  },
  // Alert rules (lib/alerts/evaluate-alerts.ts), each minute: conditions, grouping, quiet
  // periods and webhook delivery; a failed delivery is retried by the next pass, not by BullMQ.
  'alerts.evaluate': {
    queue: 'maintenance',
    schema: z.object({}),
    jobId: () => 'alerts-evaluate',
    options: { ...TRANSIENT, attempts: 1 } satisfies JobsOptions,
  },
  // Issue upkeep (lib/issues/upkeep.ts, ADR 0028), every ISSUE_UPKEEP_EVERY_MS: failures on the
  // timeline since its cursor become issues (created, counted, reopened) in bounded batches, each
  // batch with the cursor in one transaction; a failed run is finished by the next one.
  'issues.upkeep': {
    queue: 'maintenance',
    schema: z.object({}),
    jobId: () => 'issues-upkeep',
    options: { ...TRANSIENT, attempts: 1 } satisfies JobsOptions,
  },
  // Retention (lib/retention/, ADR 0023): the sweep, every RETENTION_EVERY_MS, queues one run per
  // tenant that has a payload retention; a run replaces bodies older than it by a marker in
  // bounded batches. Idempotent: a failed or stopped run is finished by the next one. Its own
  // queue, so a long first run never delays the watchers or replay batches.
  'retention.sweep': {
    queue: 'retention',
    schema: z.object({}),
    jobId: () => 'retention-sweep',
    options: { ...TRANSIENT, attempts: 1 } satisfies JobsOptions,
  },
  'retention.expunge': {
    queue: 'retention',
    schema: z.object({ tenantId: z.uuid() }),
    jobId: (d: { tenantId: string }) => `retention-${d.tenantId}`,
    options: {
      ...TRANSIENT,
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
    } satisfies JobsOptions,
  },
} as const;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]['schema']>;
export type QueueName = (typeof JOBS)[JobName]['queue'];

/**
 * One BullMQ worker per queue (worker/index.ts), each with its concurrency: the dispatch queue's is
 * configured (WORKER_CONCURRENCY: drains run side by side, one per connection shard); replay
 * batches and polls two at a time; maintenance one at a time (a roll-up pass is never urgent);
 * retention one tenant's run at a time (each batch takes a database connection, never urgent).
 */
export const QUEUE_SETTINGS = {
  dispatch: { concurrency: 'configured' },
  operations: { concurrency: 2 },
  maintenance: { concurrency: 1 },
  retention: { concurrency: 1 },
} as const satisfies Record<QueueName, { concurrency: number | 'configured' }>;

export const QUEUES = Object.keys(QUEUE_SETTINGS) as QueueName[];
