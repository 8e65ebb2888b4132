// The guard on the sockets of provider calls. The worker sends thousands of commands a second over
// keep-alive pools (lib/providers/http.ts), so the check sits where a socket is opened, not on each
// request: Node asks an agent's `lookup` only when it opens a new connection, and this lookup
// resolves every address of the name, refuses if ANY is internal (not allow-listed), and hands
// Node the checked addresses to connect to — no second resolution in between. A pooled socket is
// already connected to a checked address. Literal IP hosts are never looked up by Node, so
// literalHostRefusal checks them before the request.
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { bareHost, hostOf, internalAddressReason } from './addresses';
import { refusedAddress } from './outbound-url';
import type { OutboundPolicy } from './policy';

/** The error code a refused socket fails with (the request's 'error' carries this error). */
export const OUTBOUND_REFUSED = 'WAYBILL_OUTBOUND_REFUSED';

export class OutboundRefusedError extends Error {
  readonly code = OUTBOUND_REFUSED;
}

const HOW_TO_ALLOW = 'Waybill calls no internal address unless OUTBOUND_ALLOW_HOSTS names it';

/** A literal IP host the policy refuses, in words; null when it is a name or allowed. */
export function literalHostRefusal(url: URL, policy: OutboundPolicy): string | null {
  const host = hostOf(url);
  if (!isIP(host) || policy.allowHosts.includes(host)) return null;
  const why = internalAddressReason(host);
  return why ? `refused: the host ${host} is ${why}; ${HOW_TO_ALLOW}` : null;
}

/** A `lookup` for http(s) agents and requests that only ever yields addresses the policy allows. */
export function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    const host = bareHost(hostname);
    const fail = (error: Error) => callback(error, '', 4);
    policy.lookup(host).then(
      (addresses) => {
        const refused = refusedAddress(host, addresses, policy.allowHosts);
        if (refused)
          return fail(
            new OutboundRefusedError(
              `refused: the host ${host} resolves to ${refused.address}, ${refused.why}; ${HOW_TO_ALLOW}`,
            ),
          );
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        const first = usable[0];
        if (!first)
          return fail(
            Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }),
          );
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
