// What a drain tells an observer after each settled batch (the worker's metrics), and the pure
// reduction of a batch's plans to the numbers the metrics count. The engine stays free of
// prom-client: the observer is handed in through DrainDeps and may be absent (tests, scripts).
import { NO_ERROR_CLASS, type BatchSummary } from '@/lib/observability/dispatch-metrics';
import type { TargetConnection } from './load-dispatchable';
import type { PlannedClaim } from './plan-batch';

export interface DrainObserver {
  /** Called once per batch after its settle statement committed. Must not throw or block. */
  batch(
    connection: Pick<TargetConnection, 'tenantId' | 'key'>,
    plans: readonly PlannedClaim[],
  ): void;
}

export function summarizeBatch(plans: readonly PlannedClaim[]): BatchSummary {
  const outcomes = new Map<string, { outcome: string; errorClass: string; count: number }>();
  const retries = new Map<string, number>();
  const calls: BatchSummary['calls'] = [];
  for (const { plan } of plans) {
    const outcome = plan.kind === 'settle' ? plan.request.to : outcomeOf(plan.kind);
    const errorClass =
      plan.kind === 'settle' ? (plan.request.errorClass ?? NO_ERROR_CLASS) : NO_ERROR_CLASS;
    const key = `${outcome}\u0000${errorClass}`;
    const seen = outcomes.get(key);
    if (seen) seen.count += 1;
    else outcomes.set(key, { outcome, errorClass, count: 1 });
    if (plan.kind !== 'settle') continue;
    if (plan.request.to === 'waiting_retry')
      retries.set(errorClass, (retries.get(errorClass) ?? 0) + 1);
    const call = providerCall(plan.request.facts);
    if (call) calls.push(call);
  }
  return {
    size: plans.length,
    outcomes: [...outcomes.values()],
    calls,
    retries: [...retries].map(([errorClass, count]) => ({ errorClass, count })),
  };
}

function outcomeOf(kind: 'defer' | 'stray' | 'lost' | 'unloadable'): string {
  return kind === 'defer' ? 'deferred' : kind;
}

type Facts = NonNullable<Extract<PlannedClaim['plan'], { kind: 'settle' }>['request']['facts']>;

/**
 * The provider exchange of a settled plan, read from the facts dispatch.ts records with it (the
 * `command.sent` fact names the operation, the provider's answer carries `durationMs`): a plan
 * settled without calling the provider (stale, mapping, dependency wait) has neither.
 */
function providerCall(facts: Facts | undefined): BatchSummary['calls'][number] | null {
  if (!facts) return null;
  let operation: string | null = null;
  let durationMs: number | null = null;
  for (const fact of facts) {
    if (!fact.data || typeof fact.data !== 'object' || Array.isArray(fact.data)) continue;
    const data = fact.data as Record<string, unknown>;
    if (fact.type === 'command.sent' && typeof data.operation === 'string')
      operation = data.operation;
    if (fact.type.startsWith('provider.') && typeof data.durationMs === 'number')
      durationMs = data.durationMs;
  }
  return operation !== null && durationMs !== null
    ? { operation, seconds: Math.max(0, durationMs) / 1000 }
    : null;
}
