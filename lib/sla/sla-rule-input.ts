// What an admin may write on an SLA rule, in words a form can show: "warehouse acknowledgement
// within 30 minutes of payment" is a name, an optional start flow, the expected flow and minutes.
import { z } from 'zod';

/** a week: longer absences are reconciliation's job, not an SLA's */
export const MAX_WITHIN_MINUTES = 7 * 24 * 60;

const name = z
  .string('give the rule a name')
  .trim()
  .min(1, 'give the rule a name')
  .max(100, 'the name is too long (100 characters at most)');
const flowId = z.uuid('choose a flow');
const withinMinutes = z.coerce
  .number('give the deadline in minutes')
  .int('give the deadline in whole minutes')
  .min(1, 'the deadline must be at least 1 minute')
  .max(MAX_WITHIN_MINUTES, `the deadline can be at most ${MAX_WITHIN_MINUTES} minutes (a week)`);

export const createSlaRuleSchema = z.strictObject({
  name,
  /** left out: the clock starts when the expected flow's own transaction is created */
  startFlowId: flowId.nullable().default(null),
  expectFlowId: flowId,
  withinMinutes,
  enabled: z.boolean().default(true),
});
export type CreateSlaRuleInput = z.input<typeof createSlaRuleSchema>;

/** Fields left out stay as they are; startFlowId: null removes the start flow. */
export const updateSlaRuleSchema = z.strictObject({
  name: name.optional(),
  startFlowId: flowId.nullable().optional(),
  expectFlowId: flowId.optional(),
  withinMinutes: withinMinutes.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateSlaRuleInput = z.input<typeof updateSlaRuleSchema>;
