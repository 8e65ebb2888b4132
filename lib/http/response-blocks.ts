// Building blocks of the documented /api/v1 answers (lib/http/core-responses.ts,
// lib/http/order-responses.ts): instants, ids, error classes in words, timeline items.
import { z } from 'zod';
import { ErrorClass, TimelineKind, TransactionStatus } from '@/lib/db';

/** An instant as Date.toISOString() writes it: UTC, milliseconds, "Z". */
export const instant = z.iso.datetime();
/** A row id (PostgreSQL uuid, lower-case). */
export const id = z.guid();
export const count = z.int().nonnegative();
export const status = z.enum(TransactionStatus);
export const errorClass = z.enum(ErrorClass);
/** A JSON value as recorded (any shape, masked like everything a person reads). */
export const recorded = (what: string) => z.unknown().describe(`${what} (any JSON value)`);
export const headers = z.record(z.string(), z.string());

export const errorHelp = z
  .object({
    label: z.string().describe('a short name for badges and filters'),
    meaning: z.string().describe('one sentence: what went wrong'),
    action: z.string().describe('one sentence: what a person does next'),
  })
  .describe('the error class in words');

export const dependency = z
  .object({
    step: z.string().describe("the depended-on flow's name"),
    target: z.string().describe("that flow's target system"),
    transactionId: id.nullable(),
    status: status.nullable().describe('null: no transaction of that step exists for this order'),
    errorClass: errorClass.nullable(),
    said: z.string().nullable().describe("what that step's target last said"),
  })
  .describe('the step this waits for (same business key, the flow it depends on)');

export const failureCause = z
  .object({
    errorClass: errorClass.describe('the class that dominates the failed attempts'),
    label: z.string(),
    meaning: z.string(),
    action: z.string().describe('what a person does next, from the cause'),
    said: z.string().nullable().describe('what the target said for this cause, newest'),
    httpStatus: z.int().nullable().describe('HTTP status of that answer, when there was one'),
    attempts: count.describe('failed attempts of this class'),
    totalAttempts: count.describe('all failed attempts counted'),
    waits: count.describe('dependency waits that spent no attempt'),
    dependency: dependency.nullable(),
    last: z
      .object({
        errorClass: errorClass.nullable(),
        label: z.string(),
        message: z.string().nullable(),
      })
      .nullable()
      .describe("the last attempt's error, when its class differs from the cause"),
  })
  .nullable()
  .describe('the cause that explains the failure; null when there is nothing to explain');

export const heldBy = z
  .object({
    kind: z.enum(['connection', 'flow']),
    name: z.string().describe("the connection's or the flow's name"),
    pausedAt: instant.nullable(),
    pausedBy: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .nullable()
  .describe(
    'the pause holding this transaction back (its stored status stays received or ' +
      'waiting_retry; shown as paused); null when nothing holds it',
  );

export const pause = z
  .object({ at: instant.nullable(), by: z.string().nullable(), reason: z.string().nullable() })
  .nullable()
  .describe('who paused, when and why; null while it runs');

export const backlog = z
  .object({
    total: count.describe('outbox rows: due, scheduled for a retry or held by a worker'),
    due: count.describe('rows whose time has come'),
    oldestDueAgeSeconds: count.nullable(),
  })
  .describe('the work waiting in the outbox');

/** "… (2024-05-01T10:00:00.000Z)": the times a summary embeds (lib/ledger/timeline-groups.ts). */
export const EMBEDDED_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

export const timelineItem = z.object({
  id: z
    .string()
    .regex(/^\d+$/)
    .describe('the entry id (a number, as text); entries are ordered by occurredAt, then id'),
  kind: z.enum(TimelineKind),
  type: z.string().describe('short machine name, e.g. "command.sent", "status.changed"'),
  summary: z.string(),
  summaryParts: z
    .array(
      z.union([
        z.object({ text: z.string() }),
        z.object({ time: z.string().regex(EMBEDDED_TIME) }),
      ]),
    )
    .describe('the summary with its embedded ISO times apart'),
  actor: z
    .string()
    .describe('what wrote the fact: "system", "worker", a user id, "api:<token id>", "cli:<user>"'),
  actorLabel: z.string().describe('the actor in words (a name, "API token “…”")'),
  note: z.string().nullable().describe("a person's note or reason, on human actions"),
  fromStatus: status.nullable(),
  toStatus: status.nullable(),
  data: recorded("the fact's data"),
  occurredAt: instant,
});
