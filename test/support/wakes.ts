// A WakeDrains for tests that check the ledger without Redis: records which connections a use case
// woke after its commit, so a test can prove the wake-up happened.
import type { WakeDrains } from '@/lib/queue/wake-drains';

export function recordingWaker() {
  const calls: { tenantId: string; connectionIds: string[] }[] = [];
  const wake: WakeDrains = (tenantId, connectionIds) => {
    calls.push({ tenantId, connectionIds: [...connectionIds] });
    return Promise.resolve(true);
  };
  return {
    wake,
    calls,
    /** every connection woken so far, once each */
    woken: () => [...new Set(calls.flatMap((c) => c.connectionIds))],
  };
}
