// One live reading of one system for the state comparison: the connection's credentials opened,
// the adapter's record reader called once within the provider timeout, and the outcome as a value
// (never thrown). Messages are scrubbed of the connection's credentials before they leave.
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { ErrorClass } from '@/lib/db';
import { readCredentials } from '@/lib/providers/credentials';
import { redactText } from '@/lib/providers/outcome';
import type { ProviderRecord, RecordRef } from '@/lib/providers/port';
import { adapterFor } from '@/lib/providers/registry';

export interface LiveConnection {
  key: string;
  name: string;
  provider: string;
  settings: unknown;
  baseUrl: string;
  credentialsEncrypted: string | null;
}

export type LiveReading =
  | { state: 'read'; record: ProviderRecord; readAt: string }
  | { state: 'absent'; readAt: string }
  | { state: 'failed'; errorClass: ErrorClass; message: string; readAt: string }
  /** nothing was asked: the adapter cannot read this kind, or there is nothing to look up by */
  | { state: 'not_read'; message: string };

export async function readLiveRecord(
  connection: LiveConnection,
  kind: string,
  ref: RecordRef,
  deps: { keyRing: KeyRing; timeoutMs: number },
): Promise<LiveReading> {
  const readers = adapterFor(connection).recordReaders;
  const reader = readers && Object.hasOwn(readers, kind) ? readers[kind] : undefined;
  if (!reader)
    return {
      state: 'not_read',
      message: `${connection.name} cannot be read live for this kind of record (${kind}).`,
    };
  if (!ref.id && ref.command === null)
    return {
      state: 'not_read',
      message: `Nothing was sent to ${connection.name} yet, so there is nothing to look up.`,
    };
  const credentials = readCredentials(
    connection.provider,
    connection.credentialsEncrypted,
    deps.keyRing,
  );
  if (!credentials)
    return {
      state: 'failed',
      errorClass: 'auth',
      message: `${connection.name} has no readable credentials: replace them on the connection.`,
      readAt: new Date().toISOString(),
    };
  let lookup;
  try {
    lookup = await reader(
      { baseUrl: connection.baseUrl, credentials, timeoutMs: deps.timeoutMs },
      ref,
    );
  } catch (error) {
    // Readers answer provider trouble as values; a throw is our bug, shown as such, not a crash.
    const message = error instanceof Error ? error.message : String(error);
    lookup = { ok: false as const, errorClass: 'unknown' as const, message };
  }
  if (!lookup.ok)
    return {
      state: 'failed',
      errorClass: lookup.errorClass,
      message: redactText(lookup.message, credentials),
      readAt: new Date().toISOString(),
    };
  return lookup.record
    ? { state: 'read', record: lookup.record, readAt: lookup.readAt }
    : { state: 'absent', readAt: lookup.readAt };
}
