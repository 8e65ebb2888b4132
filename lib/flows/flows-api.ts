// Flows' /api/v1 operations as route specs, merged into lib/http/api-catalog.ts. Changing a flow
// is an admin's job, as in the console: the scope is the one that guards mapping versions; reading
// flows is the Flows screen's scope (support reads them to explain a failure).
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { flowInputSchema, flowPatchSchema } from './flow-input';
import {
  flowCreatedResponse,
  flowDeletedResponse,
  flowListResponse,
  flowResponse,
  flowRetiredResponse,
  flowUpdatedResponse,
} from './flows-responses';

const TAG = 'Flows';
type Spec = RouteSpec & { operation: ApiOperation };
const flowId = z.object({ id: z.uuid('unknown flow') });

export const FLOWS_API = {
  'GET /api/v1/flows': {
    permission: 'mappings.read',
    response: flowListResponse,
    operation: {
      id: 'listFlows',
      tag: TAG,
      summary: 'Flows with their route, active mapping version, status and settings',
      description:
        'Every flow of the tenant by key, retired ones too. Each carries the settings POST and ' +
        'PATCH take, under the same names.',
    },
  },
  'GET /api/v1/flows/{id}': {
    permission: 'mappings.read',
    params: flowId,
    response: flowResponse,
    operation: {
      id: 'getFlow',
      tag: TAG,
      summary: 'One flow in full: settings, retry budget per error class, transaction count',
      description:
        'What the list shows of it, plus retryByClass (the budget each retrying error class gets) ' +
        'and transactionCount (a flow with transactions keeps its route).',
    },
  },
  'POST /api/v1/flows': {
    permission: 'mappings.manage',
    body: flowInputSchema,
    response: flowCreatedResponse,
    operation: {
      id: 'createFlow',
      tag: TAG,
      status: 201,
      summary: 'Create a flow: source connection + event type -> target connection + operation',
      description:
        "The event type must be one the source's adapter sends, the operation one the target's " +
        'adapter has; retryPolicy.classes overrides the defaults per retrying error class; ' +
        'slaMinutes creates the SLA rule expecting this flow. The flow starts without a mapping ' +
        'version (its transactions wait in review until one is active). Answers { id, key, name } ' +
        '(GET /api/v1/flows/{id} reads the rest back); written to the audit log. 409 when the ' +
        'key is taken.',
    },
  },
  'PATCH /api/v1/flows/{id}': {
    permission: 'mappings.manage',
    params: flowId,
    body: flowPatchSchema,
    response: flowUpdatedResponse,
    operation: {
      id: 'updateFlow',
      tag: TAG,
      summary: 'Change a flow (fields left out stay as they are; status: retired comes back here)',
      description:
        'retryPolicy and reconciliation merge one level deep. A flow with transactions keeps its ' +
        'route (409). Answers { id, key, name, status, changed }; the audit entry keeps the ' +
        'changed fields before and after.',
    },
  },
  'DELETE /api/v1/flows/{id}': {
    permission: 'mappings.manage',
    params: flowId,
    response: flowDeletedResponse,
    operation: {
      id: 'deleteFlow',
      tag: TAG,
      summary: 'Delete a flow that never had a transaction (409 otherwise: retire it)',
    },
  },
  'POST /api/v1/flows/{id}/retire': {
    permission: 'mappings.manage',
    params: flowId,
    response: flowRetiredResponse,
    operation: {
      id: 'retireFlow',
      tag: TAG,
      summary: 'Retire a flow: it takes no new transactions and keeps its history',
      description:
        'Pause and resume no longer apply to it; PATCH with status active brings it back. ' +
        '409 while a flow that is not retired waits for it.',
    },
  },
} satisfies Record<string, Spec>;
