// Plans a claimed batch: one joined read, then each transaction's dispatch plan with bounded
// concurrency. A plan that throws is a bug, not a provider answer: it is logged with enough
// context to name it and the transaction goes to review as `unknown`.
import { mapWithConcurrency } from './pool';
import { loadDispatchables } from './load-dispatchable';
import { planDispatch, type DispatchContext, type Plan } from './dispatch';
import type { Claim } from './claim';
import type { BatchHold } from './claim-lease';
import type { Logger } from '@/lib/observability/logger';
import type { Db } from '@/lib/db';

export interface PlannedClaim {
  transactionId: string;
  plan: Plan | { kind: 'unloadable' };
}

export async function planBatch(
  deps: { db: Db; log: Logger },
  ctx: DispatchContext,
  claims: readonly Claim[],
  concurrency: number,
  hold?: BatchHold,
): Promise<PlannedClaim[]> {
  const tenantId = ctx.connection.tenantId;
  const claimsById = new Map(claims.map((c) => [c.transactionId, c.claims]));
  const txns = await loadDispatchables(deps.db, tenantId, [...claimsById.keys()]);
  const loaded = new Set(txns.map((t) => t.id));
  const missing = claims.filter((c) => !loaded.has(c.transactionId));
  const planned = await mapWithConcurrency(txns, concurrency, async (txn) => {
    try {
      return {
        transactionId: txn.id,
        plan: await planDispatch(
          ctx,
          txn,
          claimsById.get(txn.id) ?? 1,
          hold && (() => hold.fence(txn.id)),
        ),
      };
    } catch (error) {
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
  });
  return [
    ...planned,
    ...missing.map((c) => ({
      transactionId: c.transactionId,
      plan: { kind: 'unloadable' } as const,
    })),
  ];
}
