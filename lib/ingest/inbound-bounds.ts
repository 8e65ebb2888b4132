// What the ledger will index from a delivery must fit: identifiers, keys and emails have limits,
// and no NUL or other control character (PostgreSQL text refuses NUL, and an index row refuses a
// few kilobytes). A signed delivery that breaks them is the sender's error, not the ledger's: it
// is refused with a reason and recorded for operators, never answered 503 to be retried for days.
import { CONTROL_CHARACTER } from '@/lib/base/query-values';
import type { ParsedWebhook } from '@/lib/providers/port';

/** Per field, decided once (docs/security.md, "Bounded input"). */
export const INBOUND_LIMITS = {
  providerEventId: 200,
  topic: 200,
  eventType: 200,
  businessKey: 200,
  sourceObjectId: 200,
  stateKey: 200,
  customerEmail: 320,
} as const;

// a high surrogate not followed by a low one, or a low one without its high: not encodable as UTF-8
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(field: keyof typeof INBOUND_LIMITS, value: string | null | undefined) {
  if (value === null || value === undefined) return null;
  if (value.length > INBOUND_LIMITS[field])
    return `${field} is ${value.length} characters long; the limit is ${INBOUND_LIMITS[field]}`;
  if (CONTROL_CHARACTER.test(value)) return `${field} contains a control character`;
  if (LONE_SURROGATE.test(value)) return `${field} is not well-formed Unicode`;
  return null;
}

/** The first reason this parsed delivery cannot be recorded as it is, or null. */
export function inboundProblem(webhook: ParsedWebhook): string | null {
  const checks: [keyof typeof INBOUND_LIMITS, string | null | undefined][] = [
    ['providerEventId', webhook.providerEventId],
    ['topic', webhook.topic],
    ['eventType', webhook.eventType],
    ...webhook.objects.flatMap(
      (o) =>
        [
          ['businessKey', o.businessKey],
          ['sourceObjectId', o.sourceObjectId],
          ['stateKey', o.stateKey],
          ['customerEmail', o.customerEmail],
        ] as [keyof typeof INBOUND_LIMITS, string | undefined][],
    ),
  ];
  for (const [field, value] of checks) {
    const problem = problemOf(field, value);
    if (problem) return problem;
  }
  return null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * The first header whose bytes are not UTF-8, or null. Node hands header values over as latin-1
 * (one character per byte); a sender whose headers are not UTF-8 would have its event id or topic
 * stored as mojibake that no later delivery matches, so such a delivery is refused with the header's
 * name (its value is not repeated: it may be a signature).
 */
export function headerProblem(headers: Headers): string | null {
  for (const [name, value] of headers) {
    if (!NON_ASCII.test(value)) continue;
    try {
      UTF8.decode(Buffer.from(value, 'latin1'));
    } catch {
      return `header ${name.slice(0, 100)} is not valid UTF-8`;
    }
  }
  return null;
}

/**
 * The longest tenant slug or connection key the schemas allow (63: `createTenantSchema` of
 * lib/tenants/create-tenant.ts, `connectionKey` of lib/connections/connection-input.ts; the unit
 * test holds them to it).
 */
export const MAX_PATH_KEY_LENGTH = 63;

const PATH_SEGMENT = new RegExp(`^[a-z0-9][a-z0-9_-]{0,${MAX_PATH_KEY_LENGTH - 1}}$`);

/** A tenant slug or connection key as URLs carry them: anything else names nothing. */
export const isPathKey = (value: string): boolean => PATH_SEGMENT.test(value);

/** The ingest path's segments: /api/ingest/{tenant}/{connection}[/{token}]. */
export type IngestPathSegment = 'tenant' | 'connection' | 'token';

const KEY_OF = { tenant: 'tenant slug', connection: 'connection key' } as const;

/**
 * Why a tenant or connection segment of the ingest path can never name one, or null. Only what no
 * slug or key could ever hold is named — a control character, more than MAX_PATH_KEY_LENGTH
 * characters — so the reason tells a prober nothing about which tenants exist. A segment that is
 * merely not a key that exists (or not a plain key at all) gets null here and 401 later, like a bad
 * signature.
 */
export function pathSegmentProblem(segment: keyof typeof KEY_OF, value: string): string | null {
  const key = KEY_OF[segment];
  if (CONTROL_CHARACTER.test(value))
    return `the ingest path's ${segment} segment holds a character no ${key} has`;
  if (value.length > MAX_PATH_KEY_LENGTH)
    return `the ingest path's ${segment} segment is ${value.length} characters long; no ${key} is longer than ${MAX_PATH_KEY_LENGTH}`;
  return null;
}

/** The reason for a segment whose percent-encoding does not decode (the receiver's edge; Next
 *  answers its own 400 before the route runs). */
export const undecodableSegment = (segment: IngestPathSegment): string =>
  `the ingest path's ${segment} segment is not valid percent-encoding`;
