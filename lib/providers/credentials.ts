// A connection's credentials, opened and checked against its adapter's schema. Null when there
// are none (and the kind needs some) or they cannot be read: callers turn that into the `auth` class, never an exception.
import type { KeyRing } from '@/lib/crypto/key-ring';
import { getAdapter } from './registry';

export function readCredentials(
  provider: string,
  sealed: string | null,
  keyRing: KeyRing,
): Record<string, string> | null {
  // None stored: fine for a kind whose schema needs none (a generic connection without auth).
  if (!sealed) return getAdapter(provider).credentials.safeParse({}).success ? {} : null;
  try {
    const parsed = getAdapter(provider).credentials.safeParse(JSON.parse(keyRing.open(sealed)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
