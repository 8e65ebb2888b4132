// The generic HTTP kind's settings: everything a coded adapter says in code, said as configuration
// (connections.settings). Auth, one request per operation, how to read an answer and classify a
// failure, how to recognise a webhook, and how to read records back. Strict throughout: a misspelt
// field is refused at save, not ignored at 4 p.m. Expressions are JSONata, checked to compile here.
import { z } from 'zod';
import { ErrorClass } from '@/lib/db';
import { guardedExpression, MAX_EXPRESSION_BYTES } from '@/lib/jsonata/guarded';
import { circuitSettings } from '../../settings';

/** A JSONata expression that compiles (and whose regexes RE2 can run: checked when evaluated). */
export const expression = z
  .string()
  .trim()
  .min(1)
  .max(MAX_EXPRESSION_BYTES)
  .superRefine((text, ctx) => {
    try {
      guardedExpression(text);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `not a JSONata expression: ${(error as Error).message}`,
      });
    }
  });

/** RFC 9110 token: what a header name may be. */
export const headerName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'not a valid header name');

/** A path after the base URL; `{name}` and `{a.b}` are filled from the command (URL-encoded). */
export const pathTemplate = z
  .string()
  .trim()
  .max(1000)
  .regex(/^\/[^\s#]*$/, 'a path starts with / and has no spaces or #');

/**
 * A record's key refused by its own schema reads "Invalid key in record" in zod; the key schema's
 * message (what a valid name is) is the one an admin needs.
 */
const keyError = (message: string) => ({
  error: (issue: { code?: string }) => (issue.code === 'invalid_key' ? message : undefined),
});

/** Values may use `{name}` placeholders like paths. Secrets belong in credentials, not here. */
const headerValues = z
  .record(headerName, z.string().max(1000), keyError('not a valid header name'))
  .default({});
const queryValues = z.record(z.string().min(1).max(100), z.string().max(1000)).default({});

export const AUTH_TYPES = [
  'none',
  'api_key',
  'bearer',
  'basic',
  'oauth2_client_credentials',
] as const;

export const authSettings = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('api_key'),
    header: headerName.default('X-API-Key'),
    /** written before the key, e.g. "ApiKey " */
    prefix: z.string().max(50).default(''),
  }),
  z.strictObject({ type: z.literal('bearer') }),
  z.strictObject({ type: z.literal('basic') }),
  z.strictObject({
    type: z.literal('oauth2_client_credentials'),
    /** an absolute https URL (an identity provider), or a path on the base URL */
    tokenUrl: z.string().trim().min(1).max(2000),
    scope: z.string().trim().max(1000).optional(),
    audience: z.string().trim().max(1000).optional(),
    /** where the client id and secret go: the form body, or HTTP Basic (RFC 6749 §2.3.1) */
    clientAuth: z.enum(['body', 'basic']).default('body'),
  }),
]);
export type AuthSettings = z.infer<typeof authSettings>;

/** Checked before the defaults, in order: the first that matches names the class. */
export const errorRule = z.strictObject({
  /** an exact status (422) or a family ("4xx", "5xx"); absent: any failure status */
  status: z.union([z.int().min(100).max(599), z.enum(['4xx', '5xx'])]).optional(),
  /** JSONata over the answer's body ($status, $header(name) bound): truthy = this rule applies */
  when: expression.optional(),
  class: z.enum(ErrorClass),
  /** JSONata over the body for the message people read; absent: the default message */
  message: expression.optional(),
});
export type ErrorRule = z.infer<typeof errorRule>;

const readAnswer = z.strictObject({
  /** JSONata over the answer's body: the provider's id of the record */
  reference: expression,
  /** JSONata over the answer's body: the provider's state word (the flow's status table translates it) */
  status: expression,
});

export const idempotencySettings = z.discriminatedUnion('type', [
  /** the target de-duplicates by a header carrying Waybill's idempotency key */
  z.strictObject({ type: z.literal('header'), header: headerName }),
  /** the target has no keys: before a create that may repeat, look the record up */
  z.strictObject({
    type: z.literal('lookup'),
    path: pathTemplate,
    query: queryValues,
    /** read from the look-up's answer; an empty reference means "not there yet" */
    ...readAnswer.shape,
  }),
  z.strictObject({ type: z.literal('none') }),
]);

export const operationSettings = z.strictObject({
  method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']).default('POST'),
  path: pathTemplate,
  query: queryValues,
  headers: headerValues,
  /** JSONata from the flow's mapped command to the body; absent: the command is the body */
  body: expression.optional(),
  idempotency: idempotencySettings.default({ type: 'none' }),
  response: readAnswer,
  /** JSONata over the answer: truthy when the target says it had already applied the command */
  alreadyApplied: expression.optional(),
  errors: z.array(errorRule).max(50).default([]),
  /** a header the target honours to validate without writing: the live test run sends it */
  dryRun: z.strictObject({ header: headerName, value: z.string().max(200) }).optional(),
});
export type OperationSettings = z.infer<typeof operationSettings>;

/** How a record read back is put in the product's words (reconciliation, state comparison). */
export const recordShape = z.strictObject({
  reference: expression,
  businessKey: expression,
  status: expression.optional(),
  updatedAt: expression.optional(),
  /** JSONata producing an object of canonical fields compared with what the ledger sent */
  fields: expression.optional(),
  /** decimal string or number, and its currency: finance totals */
  amount: expression.optional(),
  currency: expression.optional(),
});

export const readSettings = z.strictObject({
  record: recordShape,
  /** one record by the provider's id ({ref}); `select` picks it from the answer (default: the body) */
  get: z.strictObject({ path: pathTemplate, select: expression.optional() }).optional(),
  /** records by business key ({businessKey}) when no id is known; `select` picks the first match */
  find: z
    .strictObject({ path: pathTemplate, query: queryValues, select: expression.optional() })
    .optional(),
  /** records changed in a window, page by page: the source side of reconciliation */
  list: z
    .strictObject({
      path: pathTemplate,
      query: queryValues,
      /** parameter names for the window's start and end (ISO 8601), the cursor and the page size */
      fromParam: z.string().min(1).max(100),
      toParam: z.string().min(1).max(100),
      cursorParam: z.string().min(1).max(100),
      limitParam: z.string().min(1).max(100).optional(),
      /** JSONata over a page: its records (an array), and the next cursor (empty: last page) */
      items: expression,
      nextCursor: expression,
    })
    .optional(),
});

export const SIGNATURE_SCHEMES = [
  'hmac_hex',
  'hmac_base64',
  'stripe',
  'standard_webhooks',
  'path_token',
] as const;

export const signatureSettings = z.discriminatedUnion('scheme', [
  z.strictObject({
    scheme: z.literal('hmac_hex'),
    header: headerName,
    /** written before the digest, e.g. "sha256=" */
    prefix: z.string().max(50).default(''),
  }),
  z.strictObject({ scheme: z.literal('hmac_base64'), header: headerName }),
  z.strictObject({ scheme: z.literal('stripe'), header: headerName.default('Stripe-Signature') }),
  z.strictObject({ scheme: z.literal('standard_webhooks') }),
  /** the sender signs nothing: a long random token in the ingest path is the proof */
  z.strictObject({ scheme: z.literal('path_token') }),
]);
export type SignatureSettings = z.infer<typeof signatureSettings>;

/** Expressions over the webhook's body; `$headers` holds its headers (names lower-case). */
export const inboundSettings = z.strictObject({
  signature: signatureSettings,
  eventId: expression,
  topic: expression,
  /** the sender's topics -> canonical event types flows subscribe to; others are ignored */
  eventTypes: z.record(z.string().min(1).max(200), z.string().trim().min(1).max(100)).default({}),
  objectId: expression,
  businessKey: expression,
  sequence: expression.optional(),
  stateKey: expression.optional(),
  customerEmail: expression.optional(),
  /** what the transaction carries; absent: the whole body */
  payload: expression.optional(),
});

export const httpSettings = z.strictObject({
  auth: authSettings.default({ type: 'none' }),
  /** sent with every request (non-secret: an Accept, an API version) */
  headers: headerValues,
  /** "Test connection": one authenticated request that changes nothing; absent: auth only */
  test: z.strictObject({ path: pathTemplate }).optional(),
  operations: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and _'),
      operationSettings,
      keyError('an operation name is lower-case letters, digits and _'),
    )
    .default({}),
  read: readSettings.optional(),
  inbound: inboundSettings.optional(),
  circuit: circuitSettings.optional(),
});
export type HttpSettings = z.infer<typeof httpSettings>;

/** Credentials by auth type: what each needs, all write-only. */
export const httpCredentials = z.strictObject({
  apiKey: z.string().min(1).max(4000).optional(),
  token: z.string().min(1).max(8000).optional(),
  username: z.string().min(1).max(500).optional(),
  password: z.string().min(1).max(4000).optional(),
  clientId: z.string().min(1).max(500).optional(),
  clientSecret: z.string().min(1).max(4000).optional(),
});
export type HttpCredentials = z.infer<typeof httpCredentials>;
