// Shared plumbing of the adapters' record readers (state comparison and reconciliation's target
// lookups): one authenticated GET of one record, a 404 read as "no record there", anything else
// that is not 200 as the engine's class for the same answer (the adapter's own classifier when it
// refines the generic table), with Retry-After passed on. The reading time is when the answer
// arrived.
import type { ErrorClass } from '@/lib/db';
import { callProvider, classifyHttpStatus, retryAfterMs, type HttpResult } from './http';
import type { ProviderRecord, RecordLookup } from './port';

export interface ReadFailure {
  errorClass: ErrorClass;
  message: string;
  retryAfterMs?: number;
}

export type OneRead =
  { kind: 'body'; body: unknown } | { kind: 'absent' } | ({ kind: 'failed' } & ReadFailure);

/** The generic reading of a refusal: the engine's class for the status, Retry-After kept. */
export function httpReadFailure(what: string, result: HttpResult): ReadFailure {
  const wait = retryAfterMs(result.headers);
  return {
    errorClass: classifyHttpStatus(result.status),
    message: `${what} read answered ${result.status}`,
    ...(wait !== undefined && { retryAfterMs: wait }),
  };
}

export async function readOne(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  what: string,
  refused: (what: string, result: HttpResult) => ReadFailure = httpReadFailure,
): Promise<OneRead> {
  const attempt = await callProvider('GET', url, { headers, timeoutMs });
  if (!attempt.ok)
    return { kind: 'failed', errorClass: attempt.errorClass, message: attempt.message };
  const { status, body } = attempt.result;
  // A read of one record by its key: 404 is "no such record" (unlike the collection routes).
  if (status === 404) return { kind: 'absent' };
  if (status !== 200) return { kind: 'failed', ...refused(what, attempt.result) };
  return { kind: 'body', body };
}

export const readRecord = (record: ProviderRecord | null): RecordLookup => ({
  ok: true,
  record,
  readAt: new Date().toISOString(),
});

export const lookupFailed = (
  errorClass: ErrorClass,
  message: string,
  retryAfterMs?: number,
): RecordLookup => ({
  ok: false,
  errorClass,
  message,
  ...(retryAfterMs !== undefined && { retryAfterMs }),
});

/** A failed read as the reader's answer, its class and Retry-After kept. */
export const readFailed = (f: ReadFailure): RecordLookup =>
  lookupFailed(f.errorClass, f.message, f.retryAfterMs);

/** An answer we cannot read as the record: the provider's contract changed under us. */
export const unreadable = (what: string): RecordLookup =>
  lookupFailed('contract_mismatch', `${what} answered a record Waybill cannot read`);

/** A decimal money string ("123.45") in minor units; undefined when it is not one. */
export function minorUnits(amount: unknown): number | undefined {
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount;
  if (typeof text !== 'string' || !/^-?\d+(\.\d{1,2})?$/.test(text)) return undefined;
  return Math.round(Number(text) * 100);
}

/** A reader for a kind whose command carries no usable lookup key and the ledger no id. */
export const noKey = (what: string): RecordLookup =>
  lookupFailed(
    'contract_mismatch',
    `Waybill has no reference to look up the ${what} by (no command was sent yet)`,
  );
