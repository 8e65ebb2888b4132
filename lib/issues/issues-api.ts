// Stored issues' /api/v1 operations as route specs, merged into lib/http/api-catalog.ts: the
// Error queues screen's list and issue page through the same presenters and use cases.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import {
  issueActionSchema,
  issueCommentSchema,
  issueIdSchema,
  issueNoteSchema,
  issueTagsSchema,
  snoozeUntilSchema,
} from './issue-input';
import { issueFilterSchema } from './issue-filter';
import { issueChangedResponse, issueDetailResponse, issueListResponse } from './issues-responses';

const TAG = 'Errors';
type Spec = RouteSpec & { operation: ApiOperation };
const params = z.object({ id: issueIdSchema });

export const ISSUES_API = {
  'GET /api/v1/issues': {
    permission: 'transactions.read',
    query: issueFilterSchema,
    response: issueListResponse,
    operation: {
      id: 'listIssues',
      tag: TAG,
      summary: 'Stored issues (error groups with a lifecycle), newest failure first',
      description:
        'state: active (open or acknowledged, the default), open, acknowledged, resolved, ' +
        'ignored or all; owner: a member id or "none"; snoozed: hide (default) or show.',
    },
  },
  'GET /api/v1/issues/{id}': {
    permission: 'transactions.read',
    params,
    response: issueDetailResponse,
    operation: {
      id: 'getIssue',
      tag: TAG,
      summary: 'One issue with its history, hourly trend and the members it may be assigned to',
    },
  },
  'POST /api/v1/issues/{id}/state': {
    permission: 'transactions.resolve',
    params,
    body: z.object({ action: issueActionSchema, note: issueNoteSchema }),
    response: issueChangedResponse,
    operation: {
      id: 'changeIssueState',
      tag: TAG,
      summary: 'Acknowledge, resolve, ignore or reopen an issue (with an optional note)',
      description:
        'A resolved issue reopens by itself when its group fails again; an ignored one stays ' +
        'ignored. An action the state does not allow answers 409. Audited.',
    },
  },
  'PUT /api/v1/issues/{id}/owner': {
    permission: 'transactions.resolve',
    params,
    body: z.object({ ownerUserId: z.uuid('unknown member').nullable() }),
    response: issueChangedResponse,
    operation: {
      id: 'assignIssue',
      tag: TAG,
      summary: 'Give an issue an owner (a member of the tenant), or none (null)',
    },
  },
  'PUT /api/v1/issues/{id}/snooze': {
    permission: 'transactions.resolve',
    params,
    body: z.object({
      until: snoozeUntilSchema.describe('when the issue shows again; null ends the snooze'),
    }),
    response: issueChangedResponse,
    operation: {
      id: 'snoozeIssue',
      tag: TAG,
      summary: 'Hide an issue from the default list until a time (at most 90 days), or end it',
    },
  },
  'PUT /api/v1/issues/{id}/tags': {
    permission: 'transactions.resolve',
    params,
    body: z.object({ tags: issueTagsSchema }),
    response: issueChangedResponse,
    operation: {
      id: 'setIssueTags',
      tag: TAG,
      summary: 'Replace an issue’s tags (lower case letters, digits and . _ : -)',
    },
  },
  'POST /api/v1/issues/{id}/comments': {
    permission: 'transactions.note',
    params,
    body: z.object({ body: issueCommentSchema }),
    response: issueChangedResponse,
    operation: {
      id: 'commentOnIssue',
      tag: TAG,
      status: 201,
      summary: 'Add a comment to an issue’s history',
    },
  },
} satisfies Record<string, Spec>;
