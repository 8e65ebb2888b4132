// Writes a connection's breaker and health facts after each batch: what the console shows (circuit
// state, last success, last failure) and what the next drain starts from.
import type { Db } from '@/lib/db';
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
  await db.$executeRaw`
    UPDATE connections SET
      circuit_state = ${breaker.state}::"CircuitState",
      circuit_changed_at = ${new Date(breaker.changedAtMs)}::timestamptz,
      circuit_failures = ${breaker.failures},
      circuit_window_started_at = ${new Date(breaker.windowStartedAtMs)}::timestamptz,
      last_success_at = CASE WHEN ${succeeded} THEN now() ELSE last_success_at END,
      last_failure_at = CASE WHEN ${failed} THEN now() ELSE last_failure_at END,
      last_error = CASE WHEN ${lastError !== undefined} THEN ${lastError ?? null} ELSE last_error END
    WHERE id = ${connection.id}::uuid AND tenant_id = ${connection.tenantId}::uuid`;
}
