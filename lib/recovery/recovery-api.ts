// Guided recovery's /api/v1 operations as route specs, merged into lib/http/api-catalog.ts: the
// recovery page's steps for an automation, through the same use cases, refused out of turn in the
// same words (409). The permissions are the console's (app/(console)/recoveries/actions.ts): a
// recovery pauses, resumes and replays a connection's work, so its steps take the permission to
// pause connections; the drain replays, so it takes the permission to replay; reconciling the
// window takes the permission to run reconciliations. Pure data.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { drainRateSchema } from './drain';
import { fixNoteSchema } from './fix-and-preview';
import {
  drainPreviewedResponse,
  drainStartedResponse,
  fixConfirmedResponse,
  latestRecoveryResponse,
  reconcileStartedResponse,
  recoveryFinishedResponse,
  recoveryStartedResponse,
  recoveryViewResponse,
} from './recovery-responses';

const TAG = 'Connections';
type Spec = RouteSpec & { operation: ApiOperation };
const connection = z.object({ id: z.uuid('unknown connection') });
const recovery = z.object({ id: z.uuid('unknown recovery') });
const IN_TURN =
  'A step out of turn answers 409 and says what comes first (the steps: fix, preview, drain, ' +
  'reconcile, complete). Audited.';

export const RECOVERY_API = {
  'POST /api/v1/connections/{id}/recovery': {
    permission: 'connections.pause',
    params: connection,
    response: recoveryStartedResponse,
    operation: {
      id: 'startRecovery',
      tag: TAG,
      status: 201,
      alsoStatus: { status: 200, description: 'the connection’s active recovery, started before' },
      summary: 'Start a guided recovery of a paused connection or one whose circuit is open',
      description:
        'Records the outage’s start and what waits. A connection has at most one active ' +
        'recovery: starting again answers it (200, created: false). An active connection with ' +
        'a closed circuit answers 409: pause it first. Audited.',
    },
  },
  'GET /api/v1/connections/{id}/recovery': {
    permission: 'transactions.read',
    params: connection,
    response: latestRecoveryResponse,
    operation: {
      id: 'getLatestRecovery',
      tag: TAG,
      summary: 'The connection’s active recovery, else its latest (404 when it never had one)',
    },
  },
  'GET /api/v1/recoveries/{id}': {
    permission: 'transactions.read',
    params: recovery,
    response: recoveryViewResponse,
    operation: {
      id: 'getRecovery',
      tag: TAG,
      summary: 'A guided recovery: each step’s status, what waits, fixes, preview, drain, runs',
      description:
        'What still waits, the drain’s progress and the runs are read afresh from the ledger on ' +
        'each call; trail holds the recovery’s own audit entries.',
    },
  },
  'POST /api/v1/recoveries/{id}/fix': {
    permission: 'connections.pause',
    params: recovery,
    body: z.object({ note: fixNoteSchema.describe('what was wrong and what was changed') }),
    response: fixConfirmedResponse,
    operation: {
      id: 'confirmRecoveryFix',
      tag: TAG,
      summary: 'Confirm the cause is fixed (the changes themselves are made where they always are)',
      description: `Counts the configuration changes made since the outage began. ${IN_TURN}`,
    },
  },
  'POST /api/v1/recoveries/{id}/preview': {
    permission: 'connections.pause',
    params: recovery,
    response: drainPreviewedResponse,
    operation: {
      id: 'previewRecoveryDrain',
      tag: TAG,
      summary: 'Count what the drain will send and ask the target what it already holds',
      description:
        'Held work goes out on resume, failed work by replay; a replay pre-flight of the failed ' +
        'work starts (its id in the answer). May be taken again until the drain starts. ' +
        IN_TURN,
    },
  },
  'POST /api/v1/recoveries/{id}/drain': {
    permission: 'transactions.replay',
    params: recovery,
    body: z.object({
      ratePerSecond: drainRateSchema.describe(
        'commands a second until the recovery ends (the connection’s own limit, when lower, holds)',
      ),
    }),
    response: drainStartedResponse,
    operation: {
      id: 'startRecoveryDrain',
      tag: TAG,
      status: 202,
      summary: 'Drain at a chosen rate: resume the connection and replay the outage’s failures',
      description:
        'The replay uses the preview’s pre-flight: what the target already holds is linked, not ' +
        `sent again. The worker sends; poll GET /api/v1/recoveries/{id}. ${IN_TURN}`,
    },
  },
  'POST /api/v1/recoveries/{id}/reconcile': {
    permission: 'reconciliation.run',
    params: recovery,
    response: reconcileStartedResponse,
    operation: {
      id: 'reconcileRecoveryWindow',
      tag: TAG,
      status: 202,
      summary: 'Reconcile the outage window: one run per reconcilable flow to the connection',
      description: `The window runs from the outage’s start to now (at most 35 days). ${IN_TURN}`,
    },
  },
  'POST /api/v1/recoveries/{id}/complete': {
    permission: 'connections.pause',
    params: recovery,
    response: recoveryFinishedResponse,
    operation: {
      id: 'completeRecovery',
      tag: TAG,
      summary: 'Complete a recovery: the connection’s own rate limit applies again',
      description: IN_TURN,
    },
  },
  'POST /api/v1/recoveries/{id}/abandon': {
    permission: 'connections.pause',
    params: recovery,
    body: z.object({
      reason: z
        .string({ error: 'say why the recovery is abandoned' })
        .trim()
        .min(1, 'say why the recovery is abandoned')
        .max(2000, 'keep the reason under 2,000 characters'),
    }),
    response: recoveryFinishedResponse,
    operation: {
      id: 'abandonRecovery',
      tag: TAG,
      summary: 'Abandon a recovery at any step, with a reason (its drain rate ends)',
      description: 'A recovery already completed or abandoned answers 409. Audited.',
    },
  },
} satisfies Record<string, Spec>;
