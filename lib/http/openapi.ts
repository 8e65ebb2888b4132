// The OpenAPI 3.1 document of /api/v1, built from the catalog's zod schemas (the same ones the
// routes parse with). JSON Schema draft 2020-12 is OpenAPI 3.1's schema dialect, so zod's output
// is embedded as it is (minus its "$schema" key). Requests are documented as a caller sends them
// (io: "input": before defaults and transforms), responses as the route answers them.
import { z } from 'zod';
import { can, ROLES, type Permission } from '@/lib/base/permissions';
import { catalogEntries, type CatalogEntry } from './api-catalog';

type Json = Record<string, unknown>;

const ERROR_REF = { $ref: '#/components/schemas/Error' };

/** What each tag groups, for the document's readers (Redocly's `tag-description` rule). */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  Overview: 'Throughput, failures and connection health: the console home page as data.',
  Transactions:
    'The ledger: one transaction per flow and business object, its timeline, and the operator actions on it (replay, resolve, cancel, notes).',
  Orders: "An order's journey across systems, and search by order number, reference or email.",
  Errors: 'Open failures grouped by flow and error class.',
  Replays: 'Replay batches: many failed transactions sent through dispatch again, in chunks.',
  Flows:
    'Flows: source connection and event type to target connection and operation, with mapping, retry policy, dependency and SLA.',
  Mappings: "A flow's JSONata mapping versions: create, test, activate.",
  Connections:
    'Connections to provider systems: settings, credentials (write-only), limits, pause and resume, a test call.',
  Reconciliation: "The ledger's belief against provider reality: runs, drift and decisions.",
  'Alerts and SLAs': 'SLA rules, alert rules and the alerts they sent.',
  'Audit log': 'Every configuration change and operator action, hash-chained per tenant.',
  Members: 'People of the tenant: invitations, roles, password reset links and sessions.',
  'API tokens': 'Tokens for automations: scopes bounded by the issuer, secrets shown once.',
  Settings: "The tenant's own settings: how long raw payloads and provider responses are kept.",
  Privacy: "Requests about one customer's personal data: erasure by email, audited without it.",
};

/** `io`: requests are documented as sent (input), responses as answered (output). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    // transforms and preprocessors have no JSON shape of their own: documented by what they feed
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      // z.coerce.date() takes an ISO instant on the wire
      if (zodSchema._zod.def.type === 'date') Object.assign(jsonSchema, dateTime);
    },
  }) as Json;
  delete json.$schema;
  return json;
}
const dateTime = { type: 'string', format: 'date-time' };

/** Parameters of one location from an object schema; required = omitting it fails parsing. */
function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema);
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const missing = new Set(
    (schema.safeParse({}).error?.issues ?? []).map((i) => String(i.path[0] ?? '')),
  );
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || missing.has(name),
    schema: property,
    ...(property.type === 'array' && { style: 'form', explode: true }),
  }));
}

export function rolesWith(permission: Permission): string[] {
  return ROLES.filter((role) => can(role, permission));
}

function operationOf({ spec }: CatalogEntry): Json {
  const { operation } = spec;
  const scope = spec.permission;
  const success = String(operation.status ?? 200);
  const content =
    operation.produces === 'text/csv'
      ? { 'text/csv': { schema: { type: 'string' } } }
      : {
          'application/json': {
            schema: spec.response ? jsonSchemaOf(spec.response, 'output') : {},
          },
        };
  const scopeNote =
    `Requires the scope \`${scope}\` (an API token issued with it; ` +
    `signed-in roles: ${rolesWith(scope).join(', ')}).`;
  return {
    operationId: operation.id,
    summary: operation.summary,
    description: [operation.description, scopeNote].filter(Boolean).join('\n\n'),
    tags: [operation.tag],
    'x-required-scope': scope,
    parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
    ...(spec.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchemaOf(spec.body) } },
      },
    }),
    responses: {
      [success]: { description: 'Success', content },
      ...(operation.alsoStatus && {
        [String(operation.alsoStatus.status)]: {
          description: operation.alsoStatus.description,
          content,
        },
      }),
      '401': errorResponse('No valid API token or session'),
      '403': errorResponse(`Missing the scope ${scope}, or a cross-origin cookie request`),
      '404': errorResponse('Not found in your tenant'),
      '409': errorResponse('The current state does not allow it (said in words)'),
      '422': errorResponse('Invalid parameters or body'),
    },
  };
}

function errorResponse(description: string): Json {
  return { description, content: { 'application/json': { schema: ERROR_REF } } };
}

export function buildOpenApiDocument(entries: CatalogEntry[] = catalogEntries()): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const entry of entries)
    (paths[entry.path] ??= {})[entry.method.toLowerCase()] = operationOf(entry);
  const tags = [...new Set(entries.map((e) => e.spec.operation.tag))].map((name) => ({
    name,
    ...(TAG_DESCRIPTIONS[name] && { description: TAG_DESCRIPTIONS[name] }),
  }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Waybill API',
      version: '1',
      description:
        'Automation API of one Waybill tenant. Send `Authorization: Bearer wbt_...` with a token ' +
        'issued under Settings → API tokens; each operation names the scope it requires.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    // Relative: the Waybill that serves this document (paths carry /api/v1 themselves).
    servers: [{ url: '/', description: 'this Waybill' }],
    tags,
    security: [{ apiToken: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'wbt_<43 characters>',
          description: 'An API token of the tenant; scopes limit what it may call.',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'next-auth.session-token',
          description:
            'The console session (the cookie is __Secure-prefixed over HTTPS). Mutations must ' +
            'come from the console origin (Origin header), or they answer 403 CSRF_REJECTED.',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string', description: 'a code, e.g. FORBIDDEN, NOT_FOUND' },
            message: { type: 'string', description: 'what happened, in words' },
            issues: {
              type: 'object',
              description: 'per-field problems (422 only)',
              properties: {
                formErrors: { type: 'array', items: { type: 'string' } },
                fieldErrors: {
                  type: 'object',
                  additionalProperties: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  };
}

let cached: Json | undefined;
/** Built once per process: the catalog does not change while it runs. */
export function openApiDocument(): Json {
  return (cached ??= buildOpenApiDocument());
}
