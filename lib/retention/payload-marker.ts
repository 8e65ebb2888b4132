// What retention leaves where a raw payload or a provider's body was: one marker shape everywhere
// (an inbound event's body and headers, the body fields of timeline facts, a drift item's provider
// record), naming the day it was removed and the rule that removed it (docs/adr/0023). Pure: the
// console reads it too (components/payload), so nothing here touches the database.

export const DAY_MS = 24 * 60 * 60 * 1000;
/** the setting's bounds: at least a day, at most ten years (also a CHECK on tenants) */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

/**
 * The keys of a timeline fact's `data` that hold bodies: what the mapping made (`request`), what
 * went out (`requestBody`, `requestHeaders`) and what the provider answered (`response`,
 * `responseHeaders`) — lib/engine/dispatch.ts exchangeFacts. Everything else in `data` (status,
 * duration, attempt, idempotency key, mapping version, URL, error class) is a fact and stays.
 */
export const TIMELINE_BODY_KEYS = [
  'request',
  'requestBody',
  'requestHeaders',
  'response',
  'responseHeaders',
] as const;

export interface ExpungedMarker {
  /** the UTC day the body was removed, YYYY-MM-DD */
  expunged: string;
  /** why, in words: "retention: payloads older than 30 days" */
  rule: string;
}

export function retentionRule(days: number): string {
  return `retention: payloads older than ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Bodies received before this instant are expunged by a run at `now`. */
export function retentionCutoff(now: Date, days: number): Date {
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS)
    throw new RangeError(`retention days must be a whole number from 1 to ${MAX_RETENTION_DAYS}`);
  return new Date(now.getTime() - days * DAY_MS);
}

export function expungedMarker(now: Date, days: number): ExpungedMarker {
  return { expunged: now.toISOString().slice(0, 10), rule: retentionRule(days) };
}

/**
 * The marker as an inbound event's body text. Key order is fixed (`expunged` first), so the SQL
 * that skips already-expunged rows can test the text's start (EXPUNGED_TEXT_PREFIX) cheaply.
 */
export function expungedText(marker: ExpungedMarker): string {
  return JSON.stringify({ expunged: marker.expunged, rule: marker.rule });
}

export const EXPUNGED_TEXT_PREFIX = '{"expunged":"';

/** Whether a value (a parsed body, headers, a timeline body field) is a retention marker. */
export function isExpungedMarker(value: unknown): value is ExpungedMarker {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    Object.keys(v).length === 2 &&
    typeof v.expunged === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(v.expunged) &&
    typeof v.rule === 'string'
  );
}

/** The marker in words, for a person reading where the body was. */
export function describeExpunged(marker: ExpungedMarker): string {
  return `Removed on ${marker.expunged} (${marker.rule}). The facts of this step stay on the timeline.`;
}
