// Drains one target connection: claims due work in batches within the connection's rate limit and
// concurrency, lets the circuit breaker decide what may be sent, plans every dispatch, and settles
// the whole batch with one transitionMany statement. One drain per connection runs in the cluster
// (the job id is per connection), so the token bucket and the breaker's window live here; the
// breaker's state is written to the connection row for the console and for the next drain.
import type { Db } from '@/lib/db';
import { openSecret } from '@/lib/crypto/secret-box';
import { transitionMany, type TransitionRequest } from '@/lib/ledger/transition';
import type { Logger } from '@/lib/observability/logger';
import { getAdapter } from '@/lib/providers/registry';
import { claimDue, dropStray, releaseClaims } from './claim';
import * as breakers from './circuit-breaker';
import { planDispatch, type DispatchContext, type Plan } from './dispatch';
import { holdForOpenCircuit } from './circuit-hold';
import {
  findTargetConnection,
  loadDispatchables,
  type TargetConnection,
} from './load-dispatchable';
import { mapWithConcurrency } from './pool';
import { saveBreaker } from './breaker-store';
import * as buckets from './token-bucket';

export interface DrainDeps {
  db: Db;
  encryptionKey: Buffer;
  providerTimeoutMs: number;
  /** how long a claim is held before another worker may take the row (a dead worker's claims) */
  leaseMs: number;
  batchSize: number;
  /** a drain yields after this long so other connections get their turn; the sweep wakes it again */
  budgetMs: number;
  /** concurrent claim-dispatch-settle loops per connection (default 1) */
  lanes?: number;
  log: Logger;
  shouldStop?: () => boolean;
  random?: () => number;
}

export interface DrainReport {
  batches: number;
  settled: number;
  stopped: 'idle' | 'budget' | 'paused' | 'circuit_open' | 'throttled' | 'stopping' | 'gone';
}

const DEFAULT_CONCURRENCY = 32;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function drainConnection(
  deps: DrainDeps,
  ids: { tenantId: string; connectionId: string },
): Promise<DrainReport> {
  const started = Date.now();
  const connection = await findTargetConnection(deps.db, ids.tenantId, ids.connectionId);
  if (!connection) return { batches: 0, settled: 0, stopped: 'gone' };
  const policy = breakers.parseBreakerPolicy(settingsOf(connection).circuit);
  let breaker: breakers.Breaker = {
    ...breakers.closedBreaker(started),
    state: connection.circuitState,
    changedAtMs: connection.circuitChangedAt?.getTime() ?? started,
  };
  let bucket = connection.rateLimitPerSecond
    ? buckets.createBucket(connection.rateLimitPerSecond, started)
    : null;
  const ctx: DispatchContext = {
    connection,
    credentials: readCredentials(connection, deps.encryptionKey),
    providerTimeoutMs: deps.providerTimeoutMs,
    random: deps.random,
  };
  const report: DrainReport = { batches: 0, settled: 0, stopped: 'idle' };

  // Lanes: several claim-dispatch-settle loops share this drain's bucket and breaker, so one
  // batch's SQL overlaps another's HTTP calls (SKIP LOCKED keeps their claims apart).
  let probing = false;
  let current: TargetConnection = connection;
  const lane = async (): Promise<DrainReport['stopped']> => {
    for (;;) {
      if (deps.shouldStop?.()) return 'stopping';
      // Every drain makes progress: the budget is checked from the second batch on.
      if (report.batches > 0 && Date.now() - started > deps.budgetMs) return 'budget';
      if (report.batches > 0) {
        // Pick up pause and limit changes between batches.
        const fresh = await findTargetConnection(deps.db, ids.tenantId, ids.connectionId);
        if (!fresh) return 'gone';
        current = fresh;
        ctx.connection = fresh;
        if ((bucket?.ratePerSecond ?? null) !== current.rateLimitPerSecond)
          bucket = current.rateLimitPerSecond
            ? buckets.createBucket(current.rateLimitPerSecond, Date.now())
            : null;
      }
      if (current.status === 'paused') return 'paused';
      const gate = breakers.gate(breaker, Date.now(), policy);
      // One probe at a time: while a lane probes a half-open circuit the other lanes stand down.
      if (gate.kind === 'probe' && probing) return 'idle';
      if (gate.kind === 'open') {
        await holdForOpenCircuit(deps.db, current, new Date(gate.untilMs), deps.random);
        return 'circuit_open';
      }
      let limit = gate.kind === 'probe' ? 1 : deps.batchSize;
      if (bucket) {
        const tokens = buckets.available(bucket, Date.now());
        if (tokens === 0) {
          await sleep(Math.min(buckets.msUntilToken(bucket, Date.now()), 1000));
          continue;
        }
        limit = Math.min(limit, tokens);
      }
      if (gate.kind === 'probe') probing = true;
      const claims = await claimDue(deps.db, current.id, limit, deps.leaseMs);
      if (claims.length === 0 && gate.kind === 'probe') probing = false;
      if (claims.length === 0) return 'idle';
      if (bucket) bucket = buckets.take(bucket, claims.length, Date.now()).bucket;
      if (gate.kind === 'probe') {
        breaker = breakers.beginProbe(breaker, Date.now(), policy);
        await saveBreaker(deps.db, current, breaker, []);
        deps.log.info({ connection: current.key }, 'circuit half-open: sending one probe');
      }

      const plans = await planBatch(deps, ctx, claims, deps.lanes ?? 1);
      const requests = plans.flatMap((p) => (p.plan.kind === 'settle' ? [p.plan.request] : []));
      await transitionMany(deps.db, requests);
      const strays = plans.filter((p) => p.plan.kind === 'stray').map((p) => p.transactionId);
      await dropStray(deps.db, strays);
      await releaseClaims(deps.db, strays); // any that were not stray after all
      const calls = plans.flatMap((p) =>
        p.plan.kind === 'settle' && p.plan.call ? [p.plan.call] : [],
      );
      const before = breaker.state;
      breaker = breakers.record(breaker, calls, Date.now(), policy);
      if (gate.kind === 'probe') probing = false;
      await saveBreaker(deps.db, current, breaker, calls, lastFailure(requests));
      if (breaker.state !== before)
        deps.log.warn(
          { connection: current.key, from: before, to: breaker.state },
          'circuit changed',
        );
      report.batches += 1;
      report.settled += requests.length;

      const retryAfter = Math.max(
        0,
        ...plans.map((p) =>
          p.plan.kind === 'settle' && p.plan.request.errorClass === 'rate_limited'
            ? (p.plan.retryAfterMs ?? 0)
            : 0,
        ),
      );
      if (retryAfter > 0) {
        // A 429 asks the whole connection to slow down, not just this request. (An outage's
        // Retry-After is the breaker's business.)
        if (Date.now() + retryAfter - started > deps.budgetMs) return 'throttled';
        await sleep(retryAfter);
      }
    }
  };
  const outcomes = await Promise.all(Array.from({ length: Math.max(1, deps.lanes ?? 1) }, lane));
  return { ...report, stopped: outcomes.find((o) => o !== 'idle') ?? 'idle' };
}

async function planBatch(
  deps: DrainDeps,
  ctx: DispatchContext,
  claims: Awaited<ReturnType<typeof claimDue>>,
  lanes: number,
): Promise<{ transactionId: string; plan: Plan }[]> {
  const tenantId = ctx.connection.tenantId;
  const claimsById = new Map(claims.map((c) => [c.transactionId, c.claims]));
  const txns = await loadDispatchables(deps.db, tenantId, [...claimsById.keys()]);
  const loaded = new Set(txns.map((t) => t.id));
  const missing = claims.filter((c) => !loaded.has(c.transactionId));
  const planned = await mapWithConcurrency(
    txns,
    Math.max(1, Math.ceil((ctx.connection.maxConcurrency ?? DEFAULT_CONCURRENCY) / lanes)),
    async (txn) => {
      try {
        return {
          transactionId: txn.id,
          plan: await planDispatch(ctx, txn, claimsById.get(txn.id) ?? 1),
        };
      } catch (error) {
        // A bug, not a provider answer: logged with enough context to name it, kept in review.
        deps.log.error(
          {
            err: error,
            transactionId: txn.id,
            flow: txn.flow.name,
            connection: ctx.connection.key,
          },
          'dispatch failed unexpectedly; classified unknown',
        );
        const reason = `unexpected error while dispatching: ${error instanceof Error ? error.message : String(error)}`;
        const plan: Plan = {
          kind: 'settle',
          request: {
            tenantId,
            transactionId: txn.id,
            from: txn.status,
            actor: 'worker',
            to: 'needs_review',
            errorClass: 'unknown',
            lastError: reason,
            nextAttemptAt: null,
            reason,
          },
        };
        return { transactionId: txn.id, plan };
      }
    },
  );
  return [
    ...planned,
    ...missing.map((c) => ({ transactionId: c.transactionId, plan: { kind: 'stray' } as const })),
  ];
}

function lastFailure(requests: TransitionRequest[]): string | undefined {
  for (let i = requests.length - 1; i >= 0; i -= 1) {
    const r = requests[i];
    if (r?.lastError && r.errorClass && r.errorClass !== 'missing_dependency') return r.lastError;
  }
  return undefined;
}

function settingsOf(connection: TargetConnection): Record<string, unknown> {
  const s = connection.settings;
  return s && typeof s === 'object' && !Array.isArray(s) ? s : {};
}

function readCredentials(connection: TargetConnection, key: Buffer): Record<string, string> | null {
  if (!connection.credentialsEncrypted) return null;
  try {
    const parsed = getAdapter(connection.provider).credentials.safeParse(
      JSON.parse(openSecret(connection.credentialsEncrypted, key)),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
