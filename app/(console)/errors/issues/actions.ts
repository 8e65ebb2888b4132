'use server';

// Stored issues: change the state, assign an owner, snooze, tag and comment. Thin: the wrapper
// authorises and parses, one lib/issues use case does the change with its history and audit.
// Managing an issue is acting on the error queue, so it takes the permission to resolve
// transactions there; a comment takes the permission to write a note.
import { z } from 'zod';
import type { ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import {
  assignIssue,
  changeIssueState,
  commentOnIssue,
  setIssueTags,
  snoozeIssue,
} from '@/lib/issues/issue-changes';
import {
  issueActionSchema,
  issueCommentSchema,
  issueIdSchema,
  issueNoteSchema,
  issueTagsSchema,
  snoozeUntilSchema,
} from '@/lib/issues/issue-input';

const pathsOf = (input: { issueId: string }) => ['/errors', `/errors/issues/${input.issueId}`];
const DONE: Record<z.output<typeof issueActionSchema>, string> = {
  acknowledge: 'Acknowledged.',
  resolve: 'Resolved. It reopens by itself if the failures return.',
  ignore: 'Ignored. New failures are counted but do not reopen it.',
  reopen: 'Reopened.',
};
const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

export const changeIssueStateAction = defineFormAction({
  permission: 'transactions.resolve',
  doing: 'change issues',
  input: z.object({ issueId: issueIdSchema, action: issueActionSchema, note: issueNoteSchema }),
  revalidate: pathsOf,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const { issueId, action, note } = input;
    await changeIssueState(
      ctx.db,
      actor.tenantId,
      { issueId, action, note },
      {
        by: operator,
        requestId: audit.requestId,
      },
    );
    return { ok: true, message: DONE[action] };
  },
});

export const assignIssueAction = defineFormAction({
  permission: 'transactions.resolve',
  doing: 'change issues',
  input: z.object({
    issueId: issueIdSchema,
    owner: z.preprocess(blankToNull, z.uuid('choose a member').nullable()),
  }),
  revalidate: pathsOf,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const done = await assignIssue(
      ctx.db,
      actor.tenantId,
      { issueId: input.issueId, ownerUserId: input.owner },
      { by: operator, requestId: audit.requestId },
    );
    if (!done.changed) return { ok: true, message: 'The owner was already so.' };
    return { ok: true, message: input.owner ? 'Owner assigned.' : 'Owner removed.' };
  },
});

export const snoozeIssueAction = defineFormAction({
  permission: 'transactions.resolve',
  doing: 'change issues',
  input: z.object({
    issueId: issueIdSchema,
    until: z.preprocess(blankToNull, snoozeUntilSchema),
  }),
  revalidate: pathsOf,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    await snoozeIssue(
      ctx.db,
      actor.tenantId,
      { issueId: input.issueId, until: input.until },
      { by: operator, requestId: audit.requestId },
    );
    return { ok: true, message: input.until ? 'Snoozed.' : 'Snooze ended.' };
  },
});

export const tagIssueAction = defineFormAction({
  permission: 'transactions.resolve',
  doing: 'change issues',
  input: z.object({
    issueId: issueIdSchema,
    // one text field, comma or space separated
    tags: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
      issueTagsSchema,
    ),
  }),
  revalidate: pathsOf,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const done = await setIssueTags(
      ctx.db,
      actor.tenantId,
      { issueId: input.issueId, tags: input.tags },
      { by: operator, requestId: audit.requestId },
    );
    return { ok: true, message: done.changed ? 'Tags saved.' : 'The tags were already so.' };
  },
});

export const commentIssueAction = defineFormAction({
  permission: 'transactions.note',
  doing: 'comment on issues',
  input: z.object({ issueId: issueIdSchema, body: issueCommentSchema }),
  revalidate: pathsOf,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    await commentOnIssue(
      ctx.db,
      actor.tenantId,
      { issueId: input.issueId, body: input.body },
      { by: operator, requestId: audit.requestId },
    );
    return { ok: true, message: 'Comment added.' };
  },
});
