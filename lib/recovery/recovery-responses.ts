// The documented answers of the guided recovery operations (ADR 0022): what the presenter and the
// step use cases return, as JSON puts it on the wire (recovery-responses.types.test.ts keeps them
// in step; API_RESPONSE_CHECK=1 checks the values wherever a test calls the API).
import { z } from 'zod';
import { STEP_KEYS } from './recovery-steps';

const instant = z.iso.datetime();
const id = z.uuid();
const count = z.int().nonnegative();

export const RECOVERY_STATES = [
  'open',
  'draining',
  'reconciling',
  'completed',
  'abandoned',
] as const;
const state = z.enum(RECOVERY_STATES);

export const recoveryStartedResponse = z.object({
  recoveryId: id,
  created: z.boolean().describe('false: the connection’s active recovery, started before'),
});

export const latestRecoveryResponse = z.object({ id, state, startedAt: instant });

const waitingFlow = z.object({
  flowId: id,
  flowName: z.string(),
  held: count.describe('goes out when the connection is resumed'),
  failed: count.describe('failed or in review since the outage began: goes out by replay'),
  oldestAt: instant.nullable(),
  topErrorClass: z.string().nullable().describe('the commonest error class of the failed ones'),
});

const configChange = z.object({
  seq: count.describe('the audit entry’s number in the tenant’s chain'),
  action: z.string().describe('e.g. connection.credentials_replaced, mapping.activated'),
  objectType: z.string(),
  objectId: z.string(),
  actorLabel: z.string(),
  createdAt: instant,
  objectName: z.string().nullable(),
});

export const recoveryViewResponse = z.object({
  id,
  state,
  cause: z.enum(['paused', 'circuit_open']),
  causeDetail: z.string().nullable().describe('the pause’s reason or the last error'),
  outageFrom: instant,
  outageTo: instant.nullable().describe('set when the reconciliation of the window started'),
  startedBy: z.string(),
  startedAt: instant,
  finishedAt: instant.nullable(),
  finishedBy: z.string().nullable(),
  connection: z.object({
    id,
    name: z.string(),
    status: z.string().describe('active | paused'),
    circuitState: z.string().describe('closed | open | half_open'),
    rateLimitPerSecond: count.nullable().describe('its own limit (a recovery never changes it)'),
  }),
  steps: z
    .array(
      z.object({
        key: z.enum(STEP_KEYS),
        status: z
          .enum(['done', 'running', 'current', 'todo', 'closed'])
          .describe('current: the next to take; closed: the recovery ended before it'),
      }),
    )
    .describe('waiting, fix, preview, drain, reconcile — taken in this order'),
  waiting: z.object({
    flows: z.array(waitingFlow),
    held: count,
    failed: count,
    atStart: count.describe('held and failed when the recovery started'),
  }),
  fix: z.object({
    confirmedAt: instant.nullable(),
    note: z.string().nullable(),
    changes: z
      .array(configChange)
      .describe('configuration changes to the connection and its flows since the outage began'),
    flows: z.array(z.object({ id, name: z.string() })).describe('the flows sending to it'),
  }),
  preview: z.object({
    at: instant.nullable(),
    held: count.nullable(),
    failed: count.nullable(),
    preflight: z
      .object({
        id,
        status: z.enum(['running', 'completed', 'cancelled', 'failed']),
        headline: z.string().describe('"2 selected: 1 already at the Warehouse (…), 1 to send"'),
        caveats: z.array(z.string()),
      })
      .nullable()
      .describe('the replay pre-flight of the failed work (none when nothing failed)'),
  }),
  drain: z.object({
    ratePerSecond: count.nullable(),
    startedAt: instant.nullable(),
    total: count.nullable().describe('held and failed work when the drain started'),
    remaining: count.describe('of that work, what has not gone out yet'),
    replay: z
      .object({
        id,
        status: z.string().describe('running | completed | cancelled'),
        total: count,
        replayed: count,
        skipped: count,
      })
      .nullable()
      .describe('the replay batch of the failed work'),
  }),
  reconcile: z.object({
    windowFrom: instant,
    windowTo: instant.nullable(),
    runs: z.array(
      z.object({
        id,
        flowName: z.string(),
        status: z.string().describe('running | completed | failed | cancelled'),
        listed: count,
        matched: count,
        drifted: count,
      }),
    ),
  }),
  trail: z
    .array(
      z.object({
        seq: count,
        action: z.string().describe('recovery.started … recovery.completed | recovery.abandoned'),
        actorLabel: z.string(),
        reason: z.string().nullable(),
        after: z.unknown(),
        createdAt: instant,
      }),
    )
    .describe('the recovery’s own audit entries, oldest first'),
});

export const fixConfirmedResponse = z.object({
  changes: count.describe('configuration changes since the outage began, when confirmed'),
});

export const drainPreviewedResponse = z.object({
  held: count.describe('goes out when the drain resumes the connection'),
  failed: count.describe('goes out by the drain’s replay'),
  preflightId: id
    .nullable()
    .describe('the pre-flight asking the target what it already holds (GET /replay-preflights)'),
});

export const drainStartedResponse = z.object({
  held: count,
  failed: count,
  resumed: z.boolean().describe('the connection was paused and is resumed now'),
  replayBatchId: id.nullable().describe('the replay of the failed work; null when none failed'),
  replayNotQueued: z
    .boolean()
    .describe('true: the worker queue was unavailable and the failed work was not replayed'),
});

export const reconcileStartedResponse = z.object({
  windowFrom: instant,
  windowTo: instant,
  runIds: z.array(id).describe('one reconciliation run per reconcilable flow to the connection'),
  flowsLeftOut: count.describe('flows to the connection with no way to reconcile'),
  notQueued: count.describe('runs the worker queue could not take (cancelled)'),
});

export const recoveryFinishedResponse = z.object({
  id,
  state: z.enum(['completed', 'abandoned']),
});
