// Drains one target connection: claims due work in batches within the connection's rate limit and
// concurrency, lets the circuit breaker decide what may be sent, plans every dispatch, and settles
// the whole batch with one transitionMany statement. A connection's drain runs as DRAIN_SHARDS
// shard jobs, possibly in as many workers: they share the rows (claims skip rows another holds),
// the rate limit (one sliding-window log in Redis, deps.rateLimiter, acquired per provider request
// right before it is sent) and the concurrency (split exactly between shards and lanes,
// drain-shards.ts). The breaker's window lives in each shard; its state
// is written to the connection row, for the console, the next drain and the other shards (which
// adopt a newer change when they re-read the row; breaker-store.ts never writes over one).
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db } from '@/lib/db';
import { transitionMany } from '@/lib/ledger/transition';
import type { Logger } from '@/lib/observability/logger';
import { claimDue, deferClaims, dropStray } from './claim';
import { adoptIfSending, holdClaims, type BatchHold } from './claim-lease';
import * as breakers from './circuit-breaker';
import { parseBreakerPolicy } from '@/lib/providers/breaker-policy';
import type { DispatchContext } from './dispatch';
import { holdForOpenCircuit } from './circuit-hold';
import { readCredentials } from '@/lib/providers/credentials';
import { findTargetConnection, type TargetConnection } from './load-dispatchable';
import { planBatch, type PlannedClaim } from './plan-batch';
import { saveBreaker } from './breaker-store';
import { needsSave, savedAfter, type SavedBreaker } from './breaker-writes';
import { laneCaps } from './drain-shards';
import { acquireSlot, memoryRateLimiter, type RateLimiter } from './rate-limiter';
import { RequestNotSent, type Pace } from '@/lib/providers/pacing';
import type { DrainObserver } from './drain-observer';

export interface DrainDeps {
  db: Db;
  keyRing: KeyRing;
  providerTimeoutMs: number;
  /** how long a claim is held before another worker may take the row (a dead worker's claims) */
  leaseMs: number;
  batchSize: number;
  /** a drain yields after this long so other connections get their turn; the sweep wakes it again */
  budgetMs: number;
  /** concurrent claim-dispatch-settle loops per connection (default 1) */
  lanes?: number;
  /** shard jobs per connection drain (DRAIN_SHARDS; default 1): the concurrency split's divisor */
  shards?: number;
  /** the connection's rate limit, shared by its shards (the worker's is in Redis); default: a
   *  window log in this drain's memory, which holds the limit only while one drain runs */
  rateLimiter?: RateLimiter;
  /**
   * After a batch under half full, a lane waits this long before claiming again (default 0).
   * Keeping up with arrivals one or two rows at a time costs a claim, a settle and a breaker
   * write per handful of rows; under load that CPU is taken from ingest. Measured in `npm run
   * bench`: end to end at 0 ms rose by about a quarter with 60 ms (25 ms: no gain; 100 ms: no
   * more than 60). It adds at most that much latency to a transaction arriving at a quiet
   * connection.
   */
  fillWaitMs?: number;
  log: Logger;
  shouldStop?: () => boolean;
  random?: () => number;
  /** told of every settled batch (the worker's metrics); must not throw */
  observe?: DrainObserver;
}

export interface DrainReport {
  batches: number;
  settled: number;
  stopped: 'idle' | 'budget' | 'paused' | 'circuit_open' | 'throttled' | 'stopping' | 'gone';
}

const DEFAULT_CONCURRENCY = 32;
/** lanes re-read the connection (pause, limits) at most this often */
const REFRESH_MS = 250;
const PROBE_WAIT_MS = 100;
const ROUNDS_PER_BATCH = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the lanes of one drain share: they run in one event loop, so plain fields suffice. */
interface DrainState {
  connection: TargetConnection;
  refreshedAt: number;
  breaker: breakers.Breaker;
  probing: boolean;
  /** a 429 slows the whole connection down, every lane */
  throttledUntil: number;
  aborted: boolean;
  /** the rate limiter failed (Redis unreachable): unsent work was deferred, the drain fails */
  limiterFailure?: unknown;
  /** what this drain last wrote to the connection row (breaker-writes.ts) */
  saved?: SavedBreaker;
}

export async function drainConnection(
  deps: DrainDeps,
  ids: { tenantId: string; connectionId: string; shard?: number | undefined },
): Promise<DrainReport> {
  const started = Date.now();
  const connection = await findTargetConnection(deps.db, ids.tenantId, ids.connectionId);
  if (!connection) return { batches: 0, settled: 0, stopped: 'gone' };
  const policy = parseBreakerPolicy(settingsOf(connection).circuit);
  const state: DrainState = {
    connection,
    refreshedAt: started,
    breaker: {
      ...breakers.closedBreaker(started),
      state: connection.circuitState,
      changedAtMs: connection.circuitChangedAt?.getTime() ?? started,
    },
    probing: false,
    throttledUntil: 0,
    aborted: false,
  };
  const ctx: DispatchContext = {
    connection,
    credentials: readCredentials(
      connection.provider,
      connection.credentialsEncrypted,
      deps.keyRing,
    ),
    providerTimeoutMs: deps.providerTimeoutMs,
    random: deps.random,
  };
  // This shard's lanes and each one's in-flight cap; none when its share is 0 (more shards than
  // the connection's concurrency): the other shards do the work.
  const caps = laneCaps(
    connection.maxConcurrency ?? DEFAULT_CONCURRENCY,
    Math.max(1, deps.shards ?? 1),
    ids.shard ?? 0,
    deps.lanes ?? 1,
  );
  if (caps.length === 0) return { batches: 0, settled: 0, stopped: 'idle' };
  const limiter = deps.rateLimiter ?? memoryRateLimiter();
  const report: DrainReport = { batches: 0, settled: 0, stopped: 'idle' };
  // Each provider request of a rate-limited connection waits here for its slot, right before it is
  // sent (lib/providers/pacing.ts). It stops waiting when the drain stops, a lane failed, or the
  // budget is spent once a batch has settled (so every drain makes progress): the request is then
  // not sent, and its row is deferred, due now.
  const pace: Pace = async () => {
    const limit = state.connection.rateLimitPerSecond;
    if (!limit) return;
    const giveUp = () =>
      state.aborted ||
      (deps.shouldStop?.() ?? false) ||
      (report.batches > 0 && Date.now() - started > deps.budgetMs);
    let granted: boolean;
    try {
      granted = await acquireSlot(
        limiter,
        state.connection.id,
        () => state.connection.rateLimitPerSecond ?? limit,
        giveUp,
      );
    } catch (error) {
      state.limiterFailure ??= error;
      throw new RequestNotSent('not sent: the rate limiter could not be reached');
    }
    if (!granted) throw new RequestNotSent();
  };
  // No limit, no pacing (and no Redis round trip); re-decided when the connection is re-read.
  ctx.pace = connection.rateLimitPerSecond ? pace : undefined;

  const refresh = async (): Promise<boolean> => {
    if (Date.now() - state.refreshedAt < REFRESH_MS) return true;
    state.refreshedAt = Date.now();
    const fresh = await findTargetConnection(deps.db, ids.tenantId, ids.connectionId);
    if (!fresh) return false;
    state.connection = fresh;
    ctx.connection = fresh;
    ctx.pace = fresh.rateLimitPerSecond ? pace : undefined;
    // Another shard's verdict (in another worker, saved to the row) reaches this one here: a
    // circuit change newer than this shard's own is adopted, so an open circuit stops every shard.
    const changedAt = fresh.circuitChangedAt?.getTime();
    if (changedAt !== undefined && changedAt > state.breaker.changedAtMs)
      state.breaker = { ...breakers.closedBreaker(changedAt), state: fresh.circuitState };
    return true;
  };

  // The connection row after a batch: written only when it would change what it says.
  const save = async (calls: readonly breakers.CallOutcome[], lastError?: string) => {
    const now = Date.now();
    if (!needsSave(state.saved, state.breaker, calls, now)) return;
    const breaker = state.breaker;
    await saveBreaker(deps.db, state.connection, breaker, calls, lastError);
    state.saved = savedAfter(state.saved, breaker, calls, now);
  };

  // Lanes: several claim-dispatch-settle loops share this drain's breaker (and every shard's
  // bucket), so one batch's SQL overlaps another's HTTP calls (SKIP LOCKED keeps their claims
  // apart). A lane sends at most `cap` calls at once.
  const lane = async (cap: number): Promise<DrainReport['stopped']> => {
    for (;;) {
      if (state.aborted || deps.shouldStop?.()) return 'stopping';
      // Every drain makes progress: the budget is checked from the second batch on.
      if (report.batches > 0 && Date.now() - started > deps.budgetMs) return 'budget';
      if (report.batches > 0 && !(await refresh())) return 'gone';
      if (state.connection.status === 'paused') return 'paused';
      const throttled = state.throttledUntil - Date.now();
      if (throttled > 0) {
        if (Date.now() + throttled - started > deps.budgetMs) return 'throttled';
        await sleep(throttled);
        continue;
      }
      const gate = breakers.gate(state.breaker, Date.now(), policy);
      if (gate.kind === 'open') {
        await holdForOpenCircuit(deps.db, state.connection, new Date(gate.untilMs), deps.random);
        return 'circuit_open';
      }
      // One probe at a time: the other lanes wait for its verdict.
      if (gate.kind === 'probe' && state.probing) {
        await sleep(PROBE_WAIT_MS);
        continue;
      }
      // A batch settles in one statement when its last call answers: a few rounds of calls per
      // batch keep the ledger no more than that many provider latencies behind the provider. A
      // rate-limited connection's batch holds at most one second's worth of its calls, so the
      // waits for their slots keep a batch short too. A probe is a batch of one: its call waits
      // for its slot like any other.
      const rate = state.connection.rateLimitPerSecond || Infinity;
      const limit =
        gate.kind === 'probe' ? 1 : Math.min(deps.batchSize, cap * ROUNDS_PER_BATCH, rate);
      // Marked before any await, so no other lane starts a second probe meanwhile.
      if (gate.kind === 'probe') state.probing = true;
      const epoch = state.breaker.changedAtMs;
      // the lease runs from no later than the claim statement's start (claim-lease.ts)
      const claimedAt = Date.now();
      const claimed = await claimDue(deps.db, state.connection.id, limit, deps.leaseMs);
      if (claimed.length === 0) {
        if (gate.kind === 'probe') state.probing = false;
        return 'idle';
      }
      // A row this process is still sending came due because its lease lapsed (an event loop or
      // a renewal held up past a third of the lease): it stays with the lane sending it, whose
      // settle decides it, under this claim's token (claim-lease.ts). Sent again, a provider
      // without idempotency keys would see it twice.
      const claims = claimed.filter((c) => !adoptIfSending(c));
      if (claims.length < claimed.length)
        deps.log.warn(
          { connection: state.connection.key, count: claimed.length - claims.length },
          'a dispatch lease lapsed while its batch was being sent: not sent twice',
        );
      if (claims.length === 0) {
        if (gate.kind === 'probe') state.probing = false;
        continue;
      }
      if (gate.kind === 'probe') {
        state.breaker = breakers.beginProbe(state.breaker, Date.now(), policy);
        await save([]);
        deps.log.info({ connection: state.connection.key }, 'circuit half-open: one probe');
      }

      const plans = await holdClaims(deps, claims, claimedAt, async (hold) => {
        const planned = await planBatch(deps, ctx, claims, cap, hold);
        await hold.release();
        await settle(deps, planned, hold);
        return planned;
      });
      deps.observe?.batch(state.connection, plans);
      const calls = plans.flatMap((p) =>
        p.plan.kind === 'settle' && p.plan.call ? [p.plan.call] : [],
      );
      const before = state.breaker.state;
      // A batch sent under an earlier circuit state says nothing about the current one.
      if (gate.kind === 'probe' || state.breaker.changedAtMs === epoch)
        state.breaker = breakers.record(state.breaker, calls, Date.now(), policy);
      if (gate.kind === 'probe') state.probing = false;
      await save(calls, lastFailure(plans));
      if (state.breaker.state !== before)
        deps.log.warn(
          { connection: state.connection.key, from: before, to: state.breaker.state },
          'circuit changed',
        );
      report.batches += 1;
      report.settled += plans.filter((p) => p.plan.kind === 'settle').length;
      // What the limiter's failure left unsent was deferred with the batch: now the drain fails.
      if (state.limiterFailure) throw state.limiterFailure;
      // A short batch means the lane is keeping up with arrivals: waiting a moment lets the
      // next batch fill, so claim and settle statements are paid per many rows, not per few.
      if (claims.length < limit / 2 && deps.fillWaitMs) await sleep(deps.fillWaitMs);
      const retryAfter = Math.max(0, ...plans.map(rateLimitedFor));
      if (retryAfter > 0)
        state.throttledUntil = Math.max(state.throttledUntil, Date.now() + retryAfter);
    }
  };
  const outcomes = await Promise.allSettled(
    caps.map((cap) =>
      lane(cap).catch((error: unknown) => {
        state.aborted = true; // the other lanes stop at their next batch boundary
        throw error;
      }),
    ),
  );
  const failure = outcomes.find((o) => o.status === 'rejected');
  if (failure) throw failure.reason;
  const stopped = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'stopping'));
  return { ...report, stopped: stopped.find((o) => o !== 'idle') ?? 'idle' };
}

/** One statement for every settled plan; deferred ones only move in the queue. */
async function settle(
  deps: DrainDeps,
  plans: readonly PlannedClaim[],
  hold: BatchHold,
): Promise<void> {
  await transitionMany(
    deps.db,
    plans.flatMap((p) => (p.plan.kind === 'settle' ? [p.plan.request] : [])),
  );
  await deferClaims(
    deps.db,
    plans.flatMap((p) =>
      p.plan.kind === 'defer'
        ? [
            {
              transactionId: p.transactionId,
              claims: hold.token(p.transactionId),
              at: p.plan.at,
            },
          ]
        : [],
    ),
  );
  await dropStray(
    deps.db,
    plans.filter((p) => p.plan.kind === 'stray').map((p) => p.transactionId),
  );
  const lost = plans.filter((p) => p.plan.kind === 'lost');
  // Claimed again by another worker after this batch's lease lapsed, before its request went out:
  // not sent here, and the row is the new holder's (nothing written to it).
  if (lost.length > 0)
    deps.log.warn(
      { transactionIds: lost.map((p) => p.transactionId) },
      'a dispatch claim passed to another worker before its request was sent: not sent here',
    );
  const unloadable = plans.filter((p) => p.plan.kind === 'unloadable');
  // Claimed but not readable with this connection's tenant: left leased (it comes back after the
  // lease, not in a hot loop) and logged, because it means the outbox row is inconsistent.
  if (unloadable.length > 0)
    deps.log.error(
      { transactionIds: unloadable.map((p) => p.transactionId) },
      'claimed outbox rows whose transactions could not be loaded',
    );
}

function rateLimitedFor(p: PlannedClaim): number {
  return p.plan.kind === 'settle' && p.plan.request.errorClass === 'rate_limited'
    ? (p.plan.retryAfterMs ?? 0)
    : 0;
}

/** The last provider failure of the batch: what the Connections screen shows as last error. */
function lastFailure(plans: readonly PlannedClaim[]): string | undefined {
  for (let i = plans.length - 1; i >= 0; i -= 1) {
    const plan = plans[i]?.plan;
    if (plan?.kind === 'settle' && plan.call?.kind === 'failure')
      return plan.request.lastError ?? undefined;
  }
  return undefined;
}

function settingsOf(connection: TargetConnection): Record<string, unknown> {
  const s = connection.settings;
  return s && typeof s === 'object' && !Array.isArray(s) ? s : {};
}
