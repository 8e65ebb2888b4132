import { PEER_HEADER } from '@/lib/base/client-address';

const ALWAYS_SECRET = ['authorization', 'cookie', 'x-api-key'];

/** Headers as stored on the inbound event: signature and credential values are redacted. */
export function storedHeaders(
  headers: Headers,
  secretHeaders: readonly string[],
): Record<string, string> {
  const secret = new Set([...ALWAYS_SECRET, ...secretHeaders].map((h) => h.toLowerCase()));
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    // the web process's own stamp of the socket address carries its per-process secret: not the
    // sender's header, never stored (the client address is recorded on its own)
    if (name === PEER_HEADER) return;
    out[name] = secret.has(name) ? '[redacted]' : value;
  });
  return out;
}
