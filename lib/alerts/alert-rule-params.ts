// The parameters of each alert rule kind (stored as JSON on alert_rules.params), parsed before
// every evaluation: a rule saved with bad parameters is reported, never half-evaluated.
import { z } from 'zod';

export const ALERT_KINDS = [
  'failure_rate',
  'backlog_age',
  'circuit_open',
  'sla_breach',
  'reconciliation_drift',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const alertParamsSchemas = {
  failure_rate: z.object({
    flowId: z.uuid('unknown flow'),
    ratePercent: z.number().min(1).max(100),
    windowMinutes: z
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    minTransactions: z.int().min(1).default(10),
  }),
  backlog_age: z.object({
    /** left out: every connection of the tenant, one group each */
    connectionId: z.uuid('unknown connection').optional(),
    olderThanMinutes: z
      .int()
      .min(1)
      .max(7 * 24 * 60),
  }),
  circuit_open: z.object({
    connectionId: z.uuid('unknown connection').optional(),
  }),
  sla_breach: z.object({
    /** left out: every SLA rule of the tenant, one group each */
    slaRuleId: z.uuid('unknown SLA rule').optional(),
    minBreaches: z.int().min(1).default(1),
  }),
  reconciliation_drift: z.object({
    /** left out: every flow's latest finished run, one group each */
    flowId: z.uuid('unknown flow').optional(),
    minDriftItems: z.int().min(1).default(1),
  }),
} satisfies Record<AlertKind, z.ZodType>;

export type AlertParams = {
  [K in AlertKind]: { kind: K; params: z.infer<(typeof alertParamsSchemas)[K]> };
}[AlertKind];

export function parseAlertRule(kind: string, params: unknown): AlertParams {
  switch (kind) {
    case 'failure_rate':
      return { kind, params: alertParamsSchemas.failure_rate.parse(params) };
    case 'backlog_age':
      return { kind, params: alertParamsSchemas.backlog_age.parse(params) };
    case 'circuit_open':
      return { kind, params: alertParamsSchemas.circuit_open.parse(params) };
    case 'sla_breach':
      return { kind, params: alertParamsSchemas.sla_breach.parse(params) };
    case 'reconciliation_drift':
      return { kind, params: alertParamsSchemas.reconciliation_drift.parse(params) };
    default:
      throw new Error(`unknown alert kind "${kind}"`);
  }
}
