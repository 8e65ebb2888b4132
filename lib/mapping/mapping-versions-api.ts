// A flow's mapping versions through /api/v1, as route specs merged into lib/http/api-catalog.ts:
// the flow screen's version history, create (never update: versions are immutable), test run,
// activate and roll back, through the same use cases. Reading and test-running saved versions
// is mappings.read (support explains failures with it); a draft expression or a live run is an
// editor's tool and needs mappings.manage, as in the console.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { FlowStatus } from '@/lib/db';
import type { DraftErrors } from './mapping-draft';
import { SETTLED_STATUSES } from './mapping-draft';

const TAG = 'Mappings';
type Spec = RouteSpec & { operation: ApiOperation };

const flowId = z.object({ id: z.uuid('unknown flow') });
const instant = z.iso.datetime();

/** A JSON object, or its text (what GET answers in `draft`), so a read version posts back as is. */
const jsonObjectOr = <T extends z.ZodType>(value: T) =>
  z.union([z.record(z.string(), value), z.string()]);

export const mappingVersionBody = z.object({
  /** JSONata: the source's inbound payload -> the target operation's command */
  expression: z.string().min(1, 'give the JSONata expression'),
  outputSchema: jsonObjectOr(z.unknown())
    .default({})
    .describe('JSON Schema of the output (documentation; the operation enforces its own)'),
  statusTable: jsonObjectOr(z.enum(SETTLED_STATUSES)).describe(
    'provider status -> completed | needs_review | failed; at least one maps to completed',
  ),
  fieldOwnership: jsonObjectOr(z.string())
    .default({})
    .describe(
      'canonical field path (total, shipTo.city, shipTo.*) -> the connection key owning it',
    ),
  note: z.string().max(500, 'keep the note under 500 characters').optional(),
});

export const testRunBody = z.object({
  /** a stored payload of the flow's source: GET mapping-versions lists some (testPayloads) */
  inboundEventId: z.uuid('unknown stored payload'),
  /** a draft to run (mappings.manage); without it `version`, or the active version, runs */
  expression: z.string().min(1).optional(),
  version: z.number().int().positive('unknown version').optional(),
  /** also ask the target to validate the command (validate-only; mappings.manage) */
  live: z.boolean().default(false),
});

// ---- answers (as sent on the wire) ----

export const flowMappingsResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(FlowStatus),
  eventType: z.string(),
  operation: z.string(),
  source: z.string(),
  target: z.string(),
  liveTestRun: z.boolean().describe('the target offers a validate-only request (live test run)'),
  activeVersion: z.number().int().nullable(),
  rollBackTo: z.number().int().nullable().describe('the version roll-back would activate'),
  versions: z.array(
    z.object({
      version: z.number().int(),
      note: z.string().nullable(),
      createdAt: instant,
      createdBy: z.string(),
      active: z.boolean(),
    }),
  ),
  draft: z
    .object({
      expression: z.string(),
      outputSchema: z.string(),
      statusTable: z.string(),
      fieldOwnership: z.string(),
    })
    .describe('the active version (or the newest) with its JSON fields as text'),
  testPayloads: z.array(
    z.object({
      id: z.uuid().describe('pass as inboundEventId to a test run'),
      receivedAt: instant,
      topic: z.string().nullable(),
      businessKey: z.string(),
      sizeBytes: z.number().int(),
      status: z.string(),
      failed: z.boolean(),
    }),
  ),
});

export const createdVersionResponse = z.object({ id: z.uuid(), version: z.number().int() });
export const switchedVersionResponse = z.object({
  version: z.number().int(),
  previousVersion: z.number().int().nullable(),
});

const step = <T extends z.ZodType>(value: T) =>
  z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ]);
const expressionError = z.object({
  message: z.string(),
  code: z.string().nullable(),
  position: z.number().int().nullable(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});
const status = z.number().int().nullable();
/** Any JSON; absent where the value was undefined (JSON has none): an expression that matches
 *  nothing outputs it, and a request preview may have no body. */
const json = z.unknown().optional();

export const testRunResponse = z.object({
  inboundEventId: z.uuid(),
  ran: z.string().describe('"draft" or "version <n>"'),
  input: json,
  output: z.union([
    z.object({ ok: z.literal(true), value: json }),
    z.object({ ok: z.literal(false), error: expressionError }),
  ]),
  canonical: step(json).nullable(),
  outbound: step(
    z.object({
      method: z.string(),
      url: z.string(),
      headers: z.record(z.string(), z.string()),
      body: json,
      note: z.string().optional(),
    }),
  ).nullable(),
  live: step(
    z.union([
      z.object({
        ok: z.literal(true),
        status,
        reference: z.string(),
        providerStatus: z.string(),
        body: json,
      }),
      z.object({
        ok: z.literal(false),
        status,
        errorClass: z.string(),
        message: z.string(),
        body: json,
      }),
    ]),
  )
    .nullable()
    .optional()
    .describe('only when live was asked for'),
  dropped: z.array(z.string()).describe('output fields the command schema strips'),
  comparison: z
    .union([
      z.object({
        against: z.number().int(),
        ok: z.literal(true),
        changes: z.array(
          z.object({
            path: z.string(),
            kind: z.enum(['added', 'removed', 'changed']),
            before: z.string().optional(),
            after: z.string().optional(),
          }),
        ),
      }),
      z.object({ against: z.number().int(), ok: z.literal(false), error: z.string() }),
    ])
    .nullable(),
});

/** The 422 of a draft refused for its content, per field in the shape of the API's other 422s. */
export function draftRefusal(errors: DraftErrors) {
  const { expression, ...rest } = errors;
  const fieldErrors: Record<string, string[]> = {};
  if (expression)
    fieldErrors.expression = [
      expression.line === null
        ? expression.message
        : `${expression.message} (line ${expression.line}, column ${expression.column ?? 1})`,
    ];
  for (const [field, words] of Object.entries(rest)) if (words) fieldErrors[field] = [words];
  const message = Object.entries(fieldErrors)
    .map(([field, words]) => `${field}: ${words.join(' ')}`)
    .join('; ');
  return {
    error: 'VALIDATION_FAILED' as const,
    message: `the version was not saved: ${message}`,
    issues: { formErrors: [] as string[], fieldErrors },
  };
}

export const MAPPING_VERSIONS_API = {
  'GET /api/v1/flows/{id}/mapping-versions': {
    permission: 'mappings.read',
    params: flowId,
    response: flowMappingsResponse,
    operation: {
      id: 'listMappingVersions',
      tag: TAG,
      summary: "A flow's mapping versions, newest first, which is active, and test payloads",
      description:
        "Also the version roll-back would return to, the active version's content (`draft`) " +
        'and stored payloads of the source usable for a test run (failed ones first).',
    },
  },
  'POST /api/v1/flows/{id}/mapping-versions': {
    permission: 'mappings.manage',
    params: flowId,
    body: mappingVersionBody,
    response: createdVersionResponse,
    operation: {
      id: 'createMappingVersion',
      tag: TAG,
      status: 201,
      summary: 'Store a new mapping version from an expression (not active until activated)',
      description:
        'Versions are numbered per flow and immutable. The expression must compile, the status ' +
        'table map some provider status to completed, field ownership name connections of the ' +
        'tenant; otherwise 422 with issues.fieldErrors per field and nothing is stored. Answers ' +
        '{ id, version }. Audited.',
    },
  },
  'POST /api/v1/flows/{id}/mapping-versions/test-run': {
    permission: 'mappings.read',
    params: flowId,
    body: testRunBody,
    response: testRunResponse,
    operation: {
      id: 'testRunMapping',
      tag: TAG,
      summary: 'Run a version or a draft on a stored payload: output, command and request',
      description:
        'Nothing is written and nothing is sent, unless live: true asks a target that offers a ' +
        'validate-only request to check the command (it writes nothing either). A draft ' +
        'expression or live: true needs mappings.manage too. Payloads are masked without ' +
        'personal_data.read. `comparison` is against the active version on the same payload.',
    },
  },
  'POST /api/v1/flows/{id}/mapping-versions/{version}/activate': {
    permission: 'mappings.manage',
    params: flowId.extend({ version: z.coerce.number().int().positive('unknown version') }),
    response: switchedVersionResponse,
    operation: {
      id: 'activateMappingVersion',
      tag: TAG,
      summary: 'Make a stored version the one new dispatches of the flow use',
      description:
        'Transactions already sent keep their version. 409 when it is already active. Answers ' +
        '{ version, previousVersion }. Audited.',
    },
  },
  'POST /api/v1/flows/{id}/mapping-versions/roll-back': {
    permission: 'mappings.manage',
    params: flowId,
    response: switchedVersionResponse,
    operation: {
      id: 'rollBackMapping',
      tag: TAG,
      summary: 'Return the flow to the version that was active before the current one',
      description:
        '409 when no version is active, or none was active before it (rollBackTo of the list ' +
        'is null). Answers { version, previousVersion }. Audited.',
    },
  },
} satisfies Record<string, Spec>;
