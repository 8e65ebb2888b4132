// The success bodies of the Connections operations (lib/connections/connections-api.ts), as they
// go over the wire. No schema here has a place for a secret: credentials and webhook secrets are
// write-only, and an answer says only whether each is set. The connection itself is a strict
// object, so with API_RESPONSE_CHECK (the test stacks) any field not documented here — a secret
// that slipped into a presenter, say — fails the answer instead of reaching a client.
import { z } from 'zod';
import { ConnectionStatus, ErrorClass } from '@/lib/db';

export const connectionResponse = z.strictObject({
  id: z.uuid(),
  key: z.string().describe('unique in the tenant; names the ingest URL /api/ingest/{tenant}/{key}'),
  name: z.string(),
  provider: z.string().describe('the provider kind (adapter), e.g. "http" or "erp"'),
  baseUrl: z.url().describe('where requests to the provider go (http or https)'),
  status: z
    .enum(ConnectionStatus)
    .describe('paused: nothing is sent to it (webhooks are still recorded)'),
  settings: z
    .record(z.string(), z.unknown())
    .describe("the provider kind's settings as stored, checked by its schema"),
  rateLimitPerSecond: z
    .int()
    .min(1)
    .nullable()
    .describe('requests per second sent to it at most; null: not paced'),
  maxConcurrency: z
    .int()
    .min(1)
    .nullable()
    .describe("requests in flight to it at most; null: the engine's default"),
  maskingRules: z
    .array(z.string())
    .describe('JSON paths masked in payloads for every role, e.g. $.customer.email'),
  searchPaths: z
    .array(z.string())
    .nullable()
    .describe(
      "JSON paths whose values payload search finds, e.g. $.line_items[*].sku; null: the provider's defaults",
    ),
  searchPathsInEffect: z
    .array(z.string())
    .describe("the paths ingest applies now: searchPaths, or the provider's defaults"),
  searchPathDefaults: z
    .array(z.string())
    .describe("the provider's default search paths (line-item SKUs, tracking numbers)"),
  credentialsSet: z
    .boolean()
    .describe('whether credentials are stored; they are write-only and never returned'),
  webhookSecretSet: z
    .boolean()
    .describe('whether a webhook signing secret is stored; it is never returned'),
});

export const connectionListResponse = z.object({
  connections: z.array(connectionResponse).describe('every connection of the tenant, by key'),
});

export const connectionCreatedResponse = z.object({ id: z.uuid(), key: z.string() });

/** The fields PATCH may change (update-connection.ts), as `changed` names them. */
const CHANGEABLE = [
  'name',
  'baseUrl',
  'settings',
  'rateLimitPerSecond',
  'maxConcurrency',
  'maskingRules',
  'searchPaths',
] as const;

export const connectionUpdatedResponse = z.object({
  changed: z
    .array(z.enum(CHANGEABLE))
    .describe('the fields whose value changed; empty: nothing changed and nothing was recorded'),
  credentialsCleared: z
    .boolean()
    .describe(
      'true when the stored credentials were removed because they would now go to another ' +
        'origin; set them again with PUT /api/v1/connections/{id}/credentials',
    ),
});

export const credentialsReplacedResponse = z.object({
  keyId: z.string().describe('the id of the encryption key sealing the new credentials'),
});

const durationMs = z.number().min(0).describe('how long the test request took');

export const connectionTestResponse = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    message: z.string().describe('what the provider answered, in words'),
    durationMs,
  }),
  z.object({
    ok: z.literal(false),
    errorClass: z
      .enum([...Object.values(ErrorClass), 'not_supported'])
      .describe(
        'why it failed, as the engine classifies errors; not_supported: the provider kind ' +
          'offers no test request',
      ),
    message: z
      .string()
      .describe('what went wrong, in words (a credential quoted by the provider is redacted)'),
    durationMs,
  }),
]);
