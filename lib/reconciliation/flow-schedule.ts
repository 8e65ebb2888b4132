// A flow's reconciliation schedule: whether it is checked on a schedule and when. Every scheduled
// run covers the previous UTC day, whatever the time of day it fires (finance's daily view groups
// runs by that day), so the pattern only moves the check later, e.g. after an ERP's night batch
// has posted; a check of today is a forced run. Patterns are UTC cron expressions, parsed by the
// same library BullMQ uses, so a pattern saved here is one the job scheduler accepts.
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';

/** 02:15 UTC: after the day closed and most late webhooks have arrived. */
export const DEFAULT_RECONCILE_CRON = '15 2 * * *';
/** More often than hourly would re-check the same closed day for nothing. */
const MIN_GAP_MS = 3600_000;

/** The next `count` UTC fire times of a pattern (the schedule screen shows them). */
export function nextFireTimes(pattern: string, count: number, from = new Date()): Date[] {
  const interval = CronExpressionParser.parse(pattern, { currentDate: from, tz: 'UTC' });
  return interval.take(count).map((d) => d.toDate());
}

export const cronPatternSchema = z
  .string()
  .trim()
  .max(100)
  .superRefine((pattern, ctx) => {
    if (pattern.split(/\s+/).length !== 5) {
      ctx.addIssue({
        code: 'custom',
        message: 'use five fields: minute hour day-of-month month day-of-week (UTC)',
      });
      return;
    }
    let times: Date[];
    try {
      times = nextFireTimes(pattern, 3);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${pattern}" is not a cron pattern` });
      return;
    }
    const [first, second] = times;
    if (first && second && second.getTime() - first.getTime() < MIN_GAP_MS)
      ctx.addIssue({ code: 'custom', message: 'run at most once an hour' });
  });

export const flowScheduleSchema = z.object({
  scheduled: z.boolean(),
  /** null or empty: the default nightly time */
  cron: z
    .union([cronPatternSchema, z.literal(''), z.null()])
    .transform((c) => (c ? c : null))
    .default(null),
});
export type FlowScheduleInput = z.input<typeof flowScheduleSchema>;

export interface FlowSchedule {
  scheduled: boolean;
  cron: string;
  isDefault: boolean;
  next: string[];
}

export function describeSchedule(flow: {
  reconcileScheduled: boolean;
  reconcileCron: string | null;
}): FlowSchedule {
  const cron = flow.reconcileCron ?? DEFAULT_RECONCILE_CRON;
  return {
    scheduled: flow.reconcileScheduled,
    cron,
    isDefault: flow.reconcileCron === null,
    next: flow.reconcileScheduled ? nextFireTimes(cron, 3).map((d) => d.toISOString()) : [],
  };
}

export async function setFlowSchedule(
  db: Db,
  tenantId: string,
  flowId: string,
  input: FlowScheduleInput & { actor: Operator; audit?: AuditContext },
): Promise<FlowSchedule> {
  const next = flowScheduleSchema.parse(input);
  return db.$transaction(async (tx) => {
    const flow = await tx.flow.findFirst({
      where: { id: flowId, tenantId },
      select: { id: true, key: true, reconcileScheduled: true, reconcileCron: true },
    });
    if (!flow) throw notFound('flow');
    await tx.flow.update({
      where: { id: flow.id },
      data: { reconcileScheduled: next.scheduled, reconcileCron: next.cron },
    });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'flow.reconcile_schedule_changed',
        objectType: 'flow',
        objectId: flow.id,
        before: { flow: flow.key, scheduled: flow.reconcileScheduled, cron: flow.reconcileCron },
        after: { flow: flow.key, scheduled: next.scheduled, cron: next.cron },
      },
    });
    return describeSchedule({ reconcileScheduled: next.scheduled, reconcileCron: next.cron });
  });
}
