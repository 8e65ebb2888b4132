// The documented answers of the issue operations (ADR 0022): what the presenters and use cases
// return, as JSON puts it on the wire (issues-responses.types.test.ts keeps them in step).
import { z } from 'zod';
import { ErrorClass } from '@/lib/db';
import { ISSUE_ACTIONS, ISSUE_STATES } from './lifecycle';

const instant = z.iso.datetime();
const id = z.uuid();
const count = z.number().int().min(0);
const state = z.enum(ISSUE_STATES);

export const issueSchema = z.object({
  id,
  title: z.string(),
  flowId: id,
  flowName: z.string(),
  errorClass: z.enum(ErrorClass).nullable().describe('null: failures without an error class'),
  errorClassLabel: z.string(),
  state,
  owner: z.object({ userId: id, name: z.string() }).nullable(),
  snoozedUntil: instant.nullable(),
  snoozed: z.boolean().describe('the snooze has not passed yet: hidden from the default list'),
  tags: z.array(z.string()),
  firstSeenAt: instant,
  lastSeenAt: instant,
  failureCount: count.describe('failures counted since the issue was created'),
  resolvedAt: instant.nullable(),
  reopenedCount: count.describe('times failures returned after a resolve'),
});

export const issueListResponse = z.object({
  asOf: instant,
  issues: z.array(issueSchema),
  truncated: z.boolean().describe('more matched than the answer holds: narrow the filter'),
  snoozedHidden: count.describe('snoozed issues the filter matched but left out'),
});

export const issueDetailResponse = z.object({
  issue: issueSchema,
  actions: z.array(z.enum(ISSUE_ACTIONS)).describe('the state changes allowed from here'),
  history: z.array(
    z.object({
      id: z.string().describe('ordinal of the entry, as text'),
      kind: z
        .string()
        .describe('created | state_changed | reopened | assigned | snoozed | tagged | commented'),
      actor: z.string().describe('a user id, "api:<token id>" or "system"'),
      actorLabel: z.string(),
      fromState: state.nullable(),
      toState: state.nullable(),
      body: z.string().nullable().describe('a comment, a note, or why it reopened'),
      data: z.unknown(),
      occurredAt: instant,
    }),
  ),
  trend: z.array(z.object({ hour: instant, count })).describe('failures per UTC hour, 14 days'),
  members: z.array(z.object({ userId: id, name: z.string() })),
  waitingTransactions: count.describe('the group’s transactions still failed or in review'),
});

export const issueChangedResponse = z.object({
  id,
  changed: z.boolean().describe('false: it already was so; nothing recorded'),
  state,
});
