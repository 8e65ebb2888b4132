// 'reconciliation.run': chunk after chunk until the run is finished, failed or cancelled. Each
// chunk commits on its own, so a retried job (a transient provider failure thrown by a chunk, a
// worker restart) resumes after the last committed chunk.
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db } from '@/lib/db';
import type { JobHandler } from '@/lib/queue/handlers';
import { runReconciliationChunk } from '@/lib/reconciliation/run-chunk';

export function reconciliationRun(deps: {
  db: Db;
  keyRing: KeyRing;
  providerTimeoutMs: number;
}): JobHandler<'reconciliation.run'> {
  return async ({ tenantId, runId }) => {
    for (;;) {
      const chunk = await runReconciliationChunk(deps, tenantId, runId);
      if (chunk.done) return 'done';
    }
  };
}
