// Starts a reconciliation run of one flow over a window: the run row (the truth the console reads)
// and its audit entry in one transaction. The caller queues 'reconciliation.run' afterwards
// (launch-run.ts); a run whose job never reached Redis is cancelled there.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';

/** A month-end window plus slack; longer windows are split by the caller. */
export const MAX_WINDOW_MS = 35 * 24 * 3600_000;

export const runRequestSchema = z
  .object({
    flowId: z.uuid(),
    windowFrom: z.coerce.date(),
    windowTo: z.coerce.date(),
  })
  .refine((w) => w.windowFrom < w.windowTo, {
    path: ['windowTo'],
    message: 'the window must end after it starts',
  })
  .refine((w) => w.windowTo.getTime() - w.windowFrom.getTime() <= MAX_WINDOW_MS, {
    path: ['windowTo'],
    message: 'a window is at most 35 days: start one run per month',
  });

export type RunTrigger = 'schedule' | 'console' | 'api';

export async function startReconciliationRun(
  db: Db,
  tenantId: string,
  input: z.input<typeof runRequestSchema> & {
    trigger: RunTrigger;
    actor: Operator;
    audit?: AuditContext;
  },
): Promise<{ runId: string }> {
  const { flowId, windowFrom, windowTo } = runRequestSchema.parse(input);
  return db.$transaction(async (tx) => {
    const flow = await tx.flow.findFirst({
      where: { id: flowId, tenantId },
      select: { id: true, key: true },
    });
    if (!flow) throw notFound('flow');
    const run = await tx.reconciliationRun.create({
      data: {
        tenantId,
        flowId,
        windowFrom,
        windowTo,
        trigger: input.trigger,
        requestedBy: input.actor.label,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'reconciliation.run_started',
        objectType: 'reconciliation_run',
        objectId: run.id,
        after: {
          flow: flow.key,
          windowFrom: windowFrom.toISOString(),
          windowTo: windowTo.toISOString(),
          trigger: input.trigger,
        },
      },
    });
    return { runId: run.id };
  });
}
