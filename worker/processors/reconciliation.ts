// 'reconciliation.run': chunk after chunk until the run is finished, failed or cancelled. Each
// chunk commits on its own, so a retried job (a transient provider failure thrown by a chunk, a
// worker restart) resumes after the last committed chunk.
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db } from '@/lib/db';
import { JOBS } from '@/lib/queue/catalog';
import { runReconciliationChunk } from '@/lib/reconciliation/run-chunk';

export async function processReconciliationRun(
  deps: { db: Db; keyRing: KeyRing; providerTimeoutMs: number },
  data: unknown,
): Promise<string> {
  const { tenantId, runId } = JOBS['reconciliation.run'].schema.parse(data);
  for (;;) {
    const chunk = await runReconciliationChunk(deps, tenantId, runId);
    if (chunk.done) return 'done';
  }
}
