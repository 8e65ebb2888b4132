// The success bodies of the Flows operations (lib/flows/flows-api.ts), as they go over the wire.
// A flow read carries its settings under the names POST and PATCH take (sourceConnectionId,
// retryPolicy, reconciliation, slaMinutes, ...), so what a client wrote reads back field by field.
import { z } from 'zod';
import { FlowStatus } from '@/lib/db';
import { RETRYING_CLASSES, type RetryingClass } from '@/lib/engine/retry-policy';

const isoInstant = z.iso.datetime();
const flowStatus = z
  .enum(FlowStatus)
  .describe(
    'active: runs; paused: takes transactions but sends nothing until resumed; retired: takes ' +
      'no new transactions, kept for its history',
  );
const named = z.object({
  key: z.string(),
  name: z.string(),
});

const attempts = z.int().min(1).describe('attempts in all, the first one included');
const delay = z.int().min(0);
const budget = z.object({
  maxAttempts: attempts,
  baseDelayMs: delay.describe('the first retry waits about this long; each next one longer'),
  maxDelayMs: delay.describe('no retry waits longer than this'),
});
const override = z.object({
  maxAttempts: attempts.optional(),
  baseDelayMs: delay.optional(),
  maxDelayMs: delay.optional(),
});
/** One entry per retrying error class, built from the engine's list. */
const perClass = <T extends z.ZodType>(schema: T) =>
  z.object(
    Object.fromEntries(RETRYING_CLASSES.map((c) => [c, schema])) as Record<RetryingClass, T>,
  );

const retryPolicy = z
  .object({
    ...budget.shape,
    classes: perClass(override.optional()).describe(
      "a retrying class's own budget over the three defaults (a field left out is the default's)",
    ),
  })
  .describe('the defaults every retrying error class gets, and the overrides per class');

export const flowSummaryResponse = z.object({
  id: z.uuid(),
  key: z.string().describe('unique in the tenant'),
  name: z.string(),
  status: flowStatus,
  pause: z
    .object({
      at: isoInstant.nullable(),
      by: z.string().nullable().describe('who paused it, as the audit log names them'),
      reason: z.string().nullable(),
    })
    .nullable()
    .describe('who paused it, when and why; null unless status is paused'),
  sourceConnectionId: z.uuid(),
  source: named.describe('the source connection'),
  eventType: z.string().describe('the canonical event type that starts it, e.g. "order.paid"'),
  targetConnectionId: z.uuid(),
  target: named.describe('the target connection'),
  operation: z.string().describe('the target adapter\'s operation, e.g. "create_fulfilment"'),
  activeMappingVersion: z
    .object({
      id: z.uuid(),
      version: z.int().min(1),
      createdAt: isoInstant,
    })
    .nullable()
    .describe('the mapping version in use; null: none yet, its transactions wait in review'),
  mappingVersionCount: z.int().min(0).describe('mapping versions of the flow in all'),
  retryPolicy,
  dependsOnFlowId: z
    .uuid()
    .nullable()
    .describe('the flow whose transaction for the same business key must complete first'),
  dependsOn: named.nullable().describe('that flow; null: it waits for none'),
  reconciliation: z.object({
    scheduled: z.boolean().describe('whether the previous UTC day is reconciled on a schedule'),
    cron: z.string().nullable().describe('UTC cron pattern; null: the default nightly time'),
  }),
  slaMinutes: z
    .int()
    .min(1)
    .nullable()
    .describe('"complete within N minutes" (its SLA rule); null: no such rule, or switched off'),
});

export const flowListResponse = z.object({
  flows: z
    .array(flowSummaryResponse)
    .describe('every flow of the tenant, retired ones too, by key'),
});

export const flowResponse = flowSummaryResponse.extend({
  retryByClass: perClass(budget).describe(
    'the budget each retrying error class gets: its override over the defaults',
  ),
  transactionCount: z
    .int()
    .min(0)
    .describe('transactions of the flow; one with any keeps its route and is never deleted'),
});

const flowNamed = { id: z.uuid(), key: z.string(), name: z.string() };

export const flowCreatedResponse = z.object(flowNamed);

/** What `changed` names: the fields of the flow's audit snapshot (flow-rules.ts snapshotOf). */
const SNAPSHOT_FIELDS = [
  'key',
  'name',
  'sourceConnectionId',
  'source',
  'eventType',
  'targetConnectionId',
  'target',
  'operation',
  'retryPolicy',
  'dependsOnFlowId',
  'dependsOn',
  'reconciliation',
  'slaMinutes',
  'status',
] as const;

export const flowUpdatedResponse = z.object({
  ...flowNamed,
  status: flowStatus,
  changed: z
    .array(z.enum(SNAPSHOT_FIELDS))
    .describe(
      'what changed (source, target and dependsOn: the name beside a changed id); empty: ' +
        'nothing changed and nothing was recorded',
    ),
});

export const flowDeletedResponse = z.object(flowNamed);

export const flowRetiredResponse = z.object({
  ...flowNamed,
  status: z.literal('retired'),
  changed: z.boolean().describe('false: it was retired already'),
});
