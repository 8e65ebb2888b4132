// Shared plumbing of the adapters' record readers (state comparison): one authenticated GET of one
// record, a 404 read as "no record there", anything else that is not 200 as the engine's class for
// the same answer. The reading time is when the answer arrived.
import type { ErrorClass } from '@/lib/db';
import { callProvider, classifyHttpStatus } from './http';
import type { ProviderRecord, RecordLookup } from './port';

export type OneRead =
  | { kind: 'body'; body: unknown }
  | { kind: 'absent' }
  | { kind: 'failed'; errorClass: ErrorClass; message: string };

export async function readOne(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  what: string,
): Promise<OneRead> {
  const attempt = await callProvider('GET', url, { headers, timeoutMs });
  if (!attempt.ok)
    return { kind: 'failed', errorClass: attempt.errorClass, message: attempt.message };
  const { status, body } = attempt.result;
  if (status === 404) return { kind: 'absent' };
  if (status !== 200)
    return {
      kind: 'failed',
      errorClass: classifyHttpStatus(status),
      message: `${what} read answered ${status}`,
    };
  return { kind: 'body', body };
}

export const readRecord = (record: ProviderRecord | null): RecordLookup => ({
  ok: true,
  record,
  readAt: new Date().toISOString(),
});

export const lookupFailed = (errorClass: ErrorClass, message: string): RecordLookup => ({
  ok: false,
  errorClass,
  message,
});

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
