// The narrow port every provider adapter implements. Raw provider shapes, topics and statuses stay
// inside lib/providers/adapters/<provider>/; the engine sees only what this file declares.
import type { z } from 'zod';
import type { ErrorClass } from '@/lib/db';

export interface Capabilities {
  /** the provider de-duplicates writes by an Idempotency-Key header */
  idempotencyKeys: boolean;
  getByReference: boolean;
  listByWindow: boolean;
  bulk: boolean;
}

/** One business object carried by a webhook. */
export interface InboundObject {
  sourceObjectId: string;
  businessKey: string;
  payload: unknown;
  /**
   * Monotonic position of this object's state; an event whose sequence is lower than one already
   * seen for the same object and flow is stale. Absent when the provider gives no order.
   */
  sequence?: number;
  /**
   * Distinguishes successive states of one object that each need their own transaction (a
   * shipment's SENT, then COMPLETE). Absent: one transaction per object, whatever is re-sent.
   */
  stateKey?: string;
  /** the customer's email when the source carries one: support finds an order by it */
  customerEmail?: string;
}

export interface ParsedWebhook {
  /** provider's own event id, stable across its redeliveries */
  providerEventId: string;
  topic: string;
  /** canonical event type flows subscribe to, e.g. "order.paid"; null = nothing subscribes */
  eventType: string | null;
  objects: InboundObject[];
}

export type WebhookParse = { ok: true; webhook: ParsedWebhook } | { ok: false; reason: string };

/** Coded adapters parse synchronously (WebhookSource<WebhookParse>); configured ones evaluate JSONata. */
export interface WebhookSource<Parse = WebhookParse | Promise<WebhookParse>> {
  /** header names whose values are secrets or signatures: redacted before storage */
  secretHeaders: readonly string[];
  verify(
    rawBody: Buffer,
    headers: Headers,
    secrets: readonly string[],
    now: Date,
    /** what the ingest path carried after the connection key (the path-token scheme's proof) */
    extras?: { pathToken?: string },
  ): 'valid' | 'invalid' | 'missing';
  parse(rawBody: Buffer, json: unknown, headers: Headers): Parse;
  /**
   * The sender signs nothing and proves itself with a long random token in the ingest path
   * (/api/ingest/{tenant}/{connection}/{token}); the connection's webhook secret is that token.
   */
  pathToken?: boolean;
}

export interface ProviderContext {
  baseUrl: string;
  credentials: Record<string, string>;
  timeoutMs: number;
}

export interface ProviderExchange {
  method: string;
  url: string;
  status: number | null;
  durationMs: number;
  /** provider's answer, truncated; never includes our credentials */
  responseBody: unknown;
  /**
   * The headers as sent, names lower-cased; credentials never: authorization, cookies, key- and
   * token-like names and any value holding a credential read "[redacted]" (lib/providers/outcome.ts).
   * Absent on exchanges that sent nothing and on facts recorded before it was kept.
   */
  requestHeaders?: Record<string, string>;
  /** the body as sent (parsed JSON, or the form's fields with secret ones redacted), truncated */
  requestBody?: unknown;
  /** the answer's headers, bounded in number and length; cookies redacted */
  responseHeaders?: Record<string, string>;
}

export type OperationOutcome =
  | {
      kind: 'success';
      externalRef: string;
      /** provider status as evidence; the mapping's status table translates it */
      providerStatus: string;
      /** true when the provider said the command had already been applied */
      alreadyApplied: boolean;
      exchange: ProviderExchange;
    }
  | {
      kind: 'failure';
      errorClass: ErrorClass;
      message: string;
      retryAfterMs?: number;
      exchange: ProviderExchange;
    };

/** The request an operation would send, for a mapping test run; nothing is sent. */
export interface OutboundRequestPreview {
  method: string;
  url: string;
  /** header names with credentials shown as a placeholder, never their values */
  headers: Record<string, string>;
  body: unknown;
  /** what else may happen around the request (a lookup before a possible repeat, ...) */
  note?: string;
}

/** Stands in for a credential in a request preview. */
export const CREDENTIAL_PLACEHOLDER = '[credential]';

export interface Operation<Command = unknown> {
  /** canonical command schema: the mapping's output must satisfy it */
  input: z.ZodType<Command>;
  /**
   * Dry run: the request `execute` would send for this (already validated) command, built by the
   * same functions, without credentials and without any network call. Optional: an operation
   * that cannot say it in advance leaves it out.
   */
  describeRequest?(
    ctx: Pick<ProviderContext, 'baseUrl'>,
    command: Command,
    opts: { idempotencyKey: string },
  ): OutboundRequestPreview | Promise<OutboundRequestPreview>;
  /**
   * Sends the request with the target's validate-only marker (a dry-run header the target
   * honours): the mapping test run checks a command against the live system, and nothing is
   * written there or in the ledger. Only operations whose target offers such a marker have it.
   */
  dryRun?(
    ctx: ProviderContext,
    command: Command,
    opts: { idempotencyKey: string },
  ): Promise<OperationOutcome>;
  execute(
    ctx: ProviderContext,
    command: Command,
    opts: {
      idempotencyKey: string;
      /** an earlier attempt, a crashed dispatch or a replay may already have reached the provider */
      mayHaveBeenSent: boolean;
    },
  ): Promise<OperationOutcome>;
}

/** A feed the engine polls on a schedule (e.g. an inventory export), recorded like a webhook. */
export type PollResult =
  | {
      ok: true;
      providerEventId: string;
      topic: string;
      eventType: string;
      /** the provider's answer as received: stored as the inbound event's body */
      body: string;
      objects: InboundObject[];
    }
  | { ok: false; errorClass: ErrorClass; message: string };

/** The answer of "test connection": a harmless authenticated read, in words an admin reads. */
export type ConnectionTestResult =
  | { ok: true; message: string; durationMs: number }
  | { ok: false; errorClass: ErrorClass; message: string; durationMs: number };

export interface ProviderAdapter {
  kind: string;
  displayName: string;
  capabilities: Capabilities;
  /** canonical event types it can start flows with (its webhooks and poll feeds): the flow form offers them */
  eventTypes: readonly string[];
  /**
   * JSON paths into its inbound objects whose values payload search finds (line-item SKUs,
   * tracking numbers) when a connection names none of its own (docs/adr/0027-payload-search.md)
   */
  searchPaths?: readonly string[];
  credentials: z.ZodType<Record<string, string>>;
  /** the connection's non-secret settings (connections.settings); {} must always be valid */
  settings: z.ZodType<Record<string, unknown>>;
  /**
   * Every URL the credentials are sent to, for these settings (default: the base URL only). An
   * edit that adds an origin clears the stored credentials: they were given for the old ones.
   */
  credentialDestinations?: (baseUrl: string, settings: unknown) => string[];
  /** a starting point the console offers for settings (the generic kind's are the whole contract) */
  settingsExample?: Record<string, unknown>;
  /** one read that needs valid credentials and changes nothing at the provider */
  testConnection?: (ctx: ProviderContext) => Promise<ConnectionTestResult>;
  webhook?: WebhookSource;
  operations: Record<string, Operation>;
  poll?: Record<string, (ctx: ProviderContext) => Promise<PollResult>>;
  /** reconciliation's source listing by window */
  reconcile?: Reconciler;
  /**
   * The one read of one record per record kind, normalised in one place per adapter: the state
   * comparison reads a transaction's records live with it, and reconciliation looks up each
   * target record the ledger references with it. A target's kinds are its operation names (the
   * record an operation created), a source's are the canonical event types it sends (the object
   * the event carried). A kind left out cannot be read (nor reconciled on the target side).
   */
  recordReaders?: Record<string, RecordReader>;
  /**
   * Operations whose record several transactions write (an upsert keyed by email): the record
   * shows the latest one, so reconciliation compares fields only for that transaction.
   */
  sharedRecords?: readonly string[];
}

/**
 * A provider's record as reconciliation and state comparison see it, normalised by the adapter:
 * canonical field names and values (the same ones mappings produce), never provider shapes.
 */
export interface ProviderRecord {
  /** the provider's own id: the source object id for a source, the external reference for a target */
  ref: string;
  /** the business key it belongs to (an order number) */
  businessKey: string;
  /**
   * the provider's own state word, exactly as its operations report it as `providerStatus`
   * ('OPEN', 'SENT', 'success', 'paid'…): the key of a flow's status table, so reconciliation can
   * translate it. Null when the record has no state of its own (a CRM contact).
   */
  status: string | null;
  /** canonical fields the ledger's record can be compared with, e.g. { total: '123.45', currency } */
  fields: Record<string, unknown>;
  /** money of the record in minor units, for finance totals */
  amountMinor?: number;
  currency?: string;
  /** when the provider last changed it (ISO), when it says */
  updatedAt: string | null;
}

/** Failures carry the class operations use (and Retry-After), so reconciliation retries 429/5xx. */
export type RecordLookup =
  | { ok: true; record: ProviderRecord | null; readAt: string }
  | { ok: false; errorClass: ErrorClass; message: string; retryAfterMs?: number };

/** Which record a state comparison or a reconciliation asks a provider for. */
export interface RecordRef {
  /** the provider's own id when the ledger knows it (source object id, external reference) */
  id: string | null;
  businessKey: string;
  /**
   * the canonical command the engine sent, when there is one: without an id (or where the provider
   * cannot be read by its id), the adapter finds the record the way its "already present" lookup
   * does (by the command's own reference)
   */
  command: unknown;
}

/**
 * One read, at most one provider call, within ctx.timeoutMs; never throws for provider trouble.
 * A record that is not there (404 on a read by id) is `{ ok: true, record: null }`.
 */
export type RecordReader = (ctx: ProviderContext, ref: RecordRef) => Promise<RecordLookup>;

// ---- Reconciliation (lib/reconciliation/) ----

/** A listed source record, with what its webhook would have carried: a backfill records that. */
export interface ListedRecord extends ProviderRecord {
  inbound?: { topic: string; eventType: string; object: InboundObject };
}

export interface RecordWindow {
  /** the canonical event type the flow starts from: the adapter lists records in that state */
  eventType: string;
  /** changed in [from, to) */
  from: Date;
  to: Date;
  /** the adapter's own cursor from the previous page; null for the first page */
  cursor: string | null;
  limit: number;
}

/** Failures carry the class operations use, so callers retry 429/5xx and stop on the rest. */
export type RecordPage =
  | { ok: true; records: ListedRecord[]; nextCursor: string | null }
  | { ok: false; errorClass: ErrorClass; message: string; retryAfterMs?: number };

export interface Reconciler {
  /** source side: records that reached `eventType`'s state in the window, page by page */
  listSource?: (ctx: ProviderContext, window: RecordWindow) => Promise<RecordPage>;
  // The target side has no method here: each ledger reference is read with the adapter's record
  // reader for the flow's operation (recordReaders), the same read the state comparison makes.
}
