// Writes a connection's breaker and health facts after each batch: what the console shows (circuit
// state, last success, last failure) and what the next drain starts from. The shards of a
// connection's drain each keep a breaker and save it here: a shard's circuit fields are written
// only when no newer change is on the row, so a shard that has not yet seen another's verdict
// (an open circuit) cannot write over it; it adopts it at its next re-read (drain.ts).
import { Prisma, type Db } from '@/lib/db';
import type { Breaker, CallOutcome } from './circuit-breaker';
import type { TargetConnection } from './load-dispatchable';

export async function saveBreaker(
  db: Db,
  connection: TargetConnection,
  breaker: Breaker,
  calls: readonly CallOutcome[],
  lastError?: string,
): Promise<void> {
  const succeeded = calls.some((c) => c.kind === 'success');
  const failed = calls.some((c) => c.kind === 'failure');
  const changedAt = new Date(breaker.changedAtMs);
  const windowAt = new Date(breaker.windowStartedAtMs);
  // Ours to write when no newer circuit change is on the row (NULL: never changed, or reset).
  const ours = Prisma.sql`(circuit_changed_at IS NULL
    OR circuit_changed_at <= ${changedAt}::timestamptz)`;
  await db.$executeRaw`
    UPDATE connections SET
      circuit_state = CASE WHEN ${ours} THEN ${breaker.state}::"CircuitState" ELSE circuit_state END,
      circuit_failures = CASE WHEN ${ours} THEN ${breaker.failures} ELSE circuit_failures END,
      circuit_window_started_at =
        CASE WHEN ${ours} THEN ${windowAt}::timestamptz ELSE circuit_window_started_at END,
      circuit_changed_at =
        CASE WHEN ${ours} THEN ${changedAt}::timestamptz ELSE circuit_changed_at END,
      last_success_at = CASE WHEN ${succeeded} THEN now() ELSE last_success_at END,
      last_failure_at = CASE WHEN ${failed} THEN now() ELSE last_failure_at END,
      last_error = CASE WHEN ${lastError !== undefined} THEN ${lastError ?? null} ELSE last_error END
    WHERE id = ${connection.id}::uuid AND tenant_id = ${connection.tenantId}::uuid`;
}
