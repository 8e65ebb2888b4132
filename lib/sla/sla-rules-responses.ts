// The success bodies of the SLA rules' /api/v1 operations as they go over the wire, for the
// OpenAPI document and the response check of lib/http/route.ts. They mirror listSlaRules
// (sla-rules.presenter.ts) and the use cases of sla-rules.ts; sla-rules-responses.types.test.ts
// holds them to those types.
import { z } from 'zod';
import { MAX_WITHIN_MINUTES } from './sla-rule-input';

const id = z.guid();
const flowRef = z.object({
  id,
  name: z.string().describe('"a deleted flow" when the flow no longer exists'),
});

/** What a rule answers as having changed: the fields an update can change. */
export const SLA_RULE_FIELDS = [
  'name',
  'startFlowId',
  'expectFlowId',
  'withinMinutes',
  'enabled',
] as const;

export const slaRuleListSchema = z.object({
  rules: z
    .array(
      z.object({
        id,
        name: z.string(),
        startFlow: flowRef
          .nullable()
          .describe("null: the clock starts when the expected flow's transaction is created"),
        expectFlow: flowRef,
        withinMinutes: z
          .int()
          .min(1)
          .max(MAX_WITHIN_MINUTES)
          .describe('the expected step is due this many minutes after the start'),
        enabled: z.boolean(),
        openBreaches: z.int().nonnegative().describe('breaches not cleared yet'),
        createdAt: z.iso.datetime(),
      }),
    )
    .describe('oldest first (at most 500)'),
});

export const slaRuleCreatedSchema = z.object({ id, name: z.string() });

export const slaRuleUpdatedSchema = z.object({
  id,
  name: z.string().describe('the name after the change'),
  changed: z
    .array(z.enum(SLA_RULE_FIELDS))
    .describe('the fields that changed; empty when nothing did (and nothing was recorded)'),
});

export const slaRuleDeletedSchema = z.object({
  id,
  name: z.string().describe('the name the deleted rule had'),
});
