// What an admin (or a script through the API) may write on a flow, in words a form can show. The
// shape is the same for creating and for editing: an edit sends every field again, as the form
// shows them all, so a field left out of an edit takes its default — it is not "keep as it was".
// Checks that need the database (connections in the tenant, event types and operations of their
// adapters, the dependency chain, a free key) are the use cases' (flow-rules.ts).
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { retryPolicySchema } from '@/lib/engine/retry-policy';
import { cronPatternSchema } from '@/lib/reconciliation/flow-schedule';
import { MAX_WITHIN_MINUTES } from '@/lib/sla/sla-rule-input';

/** Flow keys follow the connection key rule: both appear in URLs and in configuration files. */
export const flowKey = z
  .string('enter a key')
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use 2-63 lowercase letters, digits or dashes');

const word = (what: string, max: number) =>
  z.string(`choose ${what}`).trim().min(1, `choose ${what}`).max(max, `${what} is too long`);

export const flowInputSchema = z.strictObject({
  name: z.string('enter a name').trim().min(1, 'enter a name').max(200, 'the name is too long'),
  key: flowKey,
  sourceConnectionId: z.uuid('choose a source connection'),
  /** canonical event type offered by the source's adapter, e.g. "order.paid" */
  eventType: word('an event type', 100),
  targetConnectionId: z.uuid('choose a target connection'),
  /** an operation of the target's adapter, e.g. "create_fulfilment" */
  operation: word('an operation', 100),
  retryPolicy: z.strictObject(retryPolicySchema.shape).prefault({}),
  /** a flow whose transaction for the same business key must complete first */
  dependsOnFlowId: z.uuid('choose a flow or none').nullable().default(null),
  reconciliation: z
    .strictObject({
      scheduled: z.boolean().default(true),
      /** UTC cron pattern; null: the default nightly time */
      cron: cronPatternSchema.nullable().default(null),
    })
    .prefault({}),
  /** "complete within N minutes": the SLA rule that expects this flow; null: no such rule */
  slaMinutes: z
    .int('give the minutes as a whole number')
    .min(1, 'at least 1 minute')
    .max(MAX_WITHIN_MINUTES, `at most ${MAX_WITHIN_MINUTES} minutes (a week)`)
    .nullable()
    .default(null),
});
export type FlowInput = z.input<typeof flowInputSchema>;
export type FlowValues = z.output<typeof flowInputSchema>;

/**
 * An edit is the whole form again, plus the status: a retired flow comes back only this way
 * (the pause toggle refuses it), and a flow may be retired here too.
 */
export const flowUpdateSchema = flowInputSchema.extend({
  status: z.enum(['active', 'paused', 'retired']).optional(),
});
export type FlowUpdateInput = z.input<typeof flowUpdateSchema>;

/**
 * PATCH /api/v1/flows/{id}: any of the fields, none defaulted (a field left out stays as it is).
 * retryPolicy and reconciliation merge one level deep: `{ retryPolicy: { classes: … } }` replaces
 * the class overrides and keeps the flow's defaults.
 */
export const flowPatchSchema = z.strictObject({
  name: flowInputSchema.shape.name.optional(),
  key: flowKey.optional(),
  sourceConnectionId: flowInputSchema.shape.sourceConnectionId.optional(),
  eventType: flowInputSchema.shape.eventType.optional(),
  targetConnectionId: flowInputSchema.shape.targetConnectionId.optional(),
  operation: flowInputSchema.shape.operation.optional(),
  retryPolicy: z
    .strictObject({
      maxAttempts: z.number().optional(),
      baseDelayMs: z.number().optional(),
      maxDelayMs: z.number().optional(),
      classes: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  dependsOnFlowId: z.uuid('choose a flow or none').nullable().optional(),
  reconciliation: z
    .strictObject({ scheduled: z.boolean().optional(), cron: z.string().nullable().optional() })
    .optional(),
  slaMinutes: z.number().nullable().optional(),
  status: z.enum(['active', 'paused', 'retired']).optional(),
});
export type FlowPatch = z.output<typeof flowPatchSchema>;

/** Parses or throws VALIDATION_FAILED with every problem beside its field ("retryPolicy.classes…"). */
export function parseFlowInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const name = issue.path.map(String).join('.') || 'input';
    (fieldErrors[name] ??= []).push(issue.message);
  }
  const [first] = Object.entries(fieldErrors);
  throw new AppError(
    'VALIDATION_FAILED',
    first ? `${first[0]}: ${first[1][0] ?? 'invalid'}` : 'invalid input',
    { fieldErrors },
  );
}

/** A refusal of one field, shown beside it by the form and named in the API's answer. */
export function fieldError(
  code: 'VALIDATION_FAILED' | 'CONFLICT',
  field: string,
  message: string,
): AppError {
  return new AppError(code, `${field}: ${message}`, { fieldErrors: { [field]: [message] } });
}
