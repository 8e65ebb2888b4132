// Who is calling, as far as the server can tell: the client's address comes from the socket, or
// from X-Forwarded-For only as far as a configured number of proxies we run ourselves vouch for it
// (TRUSTED_PROXY_HOPS). Everything left of those hops in X-Forwarded-For is what the client wrote.
//
// Next gives route handlers and server actions a Web Request without the socket. Next's own server
// sets `x-forwarded-for` from the socket, but only when the client sent none (base-server.js:
// `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so that header cannot tell the peer
// apart from a client's claim. Instead, lib/server/peer-address.ts stamps every incoming request
// (Node's `http.server.request.start` diagnostics channel, before Next sees it) with PEER_HEADER:
// the socket's address behind a secret made per process, so a client-sent PEER_HEADER never
// matches and is ignored.
import { randomBytes } from 'node:crypto';

export const PEER_HEADER = 'x-waybill-peer';

const holder = globalThis as unknown as { __waybillPeerSecret?: string };
/** One per process, on globalThis: Next bundles routes separately, each with this module. */
const peerSecret = (): string => (holder.__waybillPeerSecret ??= randomBytes(16).toString('hex'));

/** Plain and bounded, because it becomes part of a Redis key and an audit snapshot. */
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;
export const UNKNOWN_ADDRESS = 'unknown';

function plain(address: string | undefined): string {
  const value = address?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return value && ADDRESS.test(value) ? value : UNKNOWN_ADDRESS;
}

/** The value PEER_HEADER gets for a socket's remote address (lib/server/peer-address.ts). */
export function peerHeaderValue(remoteAddress: string | undefined): string {
  return `${peerSecret()} ${remoteAddress ?? ''}`;
}

type HeaderGet = (name: string) => string | null | undefined;

/** The socket's address as stamped by this process, or null when the header is not ours. */
export function peerAddressOf(get: HeaderGet): string | null {
  const value = get(PEER_HEADER);
  const secret = peerSecret();
  if (!value?.startsWith(`${secret} `)) return null;
  return plain(value.slice(secret.length + 1));
}

/**
 * The client's address: with 0 trusted hops the socket's peer (X-Forwarded-For is ignored); with
 * N the Nth address from the right of X-Forwarded-For, each trusted proxy having appended the
 * address it saw. Fewer entries than N: the leftmost one (as Express's `trust proxy` does).
 * "unknown" when nothing usable is there — one shared bucket, never a client's invention.
 */
export function clientAddressOf(get: HeaderGet, trustedHops: number): string {
  if (trustedHops <= 0) return peerAddressOf(get) ?? UNKNOWN_ADDRESS;
  const forwarded = (get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return peerAddressOf(get) ?? UNKNOWN_ADDRESS;
  return plain(forwarded[Math.max(0, forwarded.length - trustedHops)]);
}

/** The same from Node-style headers (next-auth's authorize gets those). */
export function headerGetOf(headers: Record<string, string | string[] | undefined>): HeaderGet {
  return (name) => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
}
