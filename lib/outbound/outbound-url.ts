// The guard for URLs Waybill sends requests to (a connection's base URL, an alert rule's webhook).
// A URL must be http(s), carry no user:password, and name a host that is public:
//  - checkOutboundUrl, synchronous: the shape and the host as written (literal IPs in every
//    notation the URL parser accepts, names that are internal by definition such as "localhost");
//  - resolveOutboundTarget: the same, then every address DNS gives for the name right now. ANY
//    internal address refuses, and the caller connects to a returned address, never asking DNS
//    again, so a name re-pointed at 127.0.0.1 in between (DNS rebinding) gets nowhere.
// Provider calls check on their keep-alive sockets instead (guarded-lookup.ts). A host or address
// named in OUTBOUND_ALLOW_HOSTS passes although internal; nothing else bypasses the guard.
import { isIP } from 'node:net';
import { hostOf, internalAddressReason, internalHostNameReason } from './addresses';
import type { Lookup, ResolvedAddress } from './policy';

/** How refusals name the URL, for the screen that shows them. */
export interface UrlWords {
  /** "the webhook URL", "the base URL" */
  url: string;
  /** "the webhook host" */
  host: string;
  /** after the reason: "which alerts may not reach" */
  reach: string;
  /** where credentials go instead: "use the signing secret" */
  credentials: string;
  /** a name DNS does not know; null lets it pass with no addresses (the call-time guard decides) */
  unknown: string | null;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

export type TargetVerdict =
  { ok: true; url: URL; addresses: ResolvedAddress[] } | { ok: false; reason: string };

const allowed = (allowHosts: readonly string[], host: string) => allowHosts.includes(host);

/** The save-time check: shape, credentials and the host as written. */
export function checkOutboundUrl(
  raw: string,
  allowHosts: readonly string[],
  words: UrlWords,
): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: `${words.url} is not a valid URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: `${words.url} must start with https:// or http://` };
  if (url.username || url.password)
    return {
      ok: false,
      reason: `${words.url} must not contain a user name or password; ${words.credentials}`,
    };
  const host = hostOf(url);
  if (allowed(allowHosts, host)) return { ok: true, url };
  // The URL parser has already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
  const why = isIP(host) ? internalAddressReason(host) : internalHostNameReason(host);
  if (why) return { ok: false, reason: `${words.host} ${host} is ${why}, ${words.reach}` };
  return { ok: true, url };
}

/**
 * Why these addresses of `host` may not be reached, or null: ANY internal address refuses (a
 * resolver answering one public and one internal address must not let us through half the time).
 */
export function refusedAddress(
  host: string,
  addresses: readonly ResolvedAddress[],
  allowHosts: readonly string[],
): { address: string; why: string } | null {
  if (allowed(allowHosts, host)) return null;
  for (const { address } of addresses) {
    if (allowed(allowHosts, address.toLowerCase())) continue;
    const why = internalAddressReason(address);
    if (why) return { address, why };
  }
  return null;
}

/** checkOutboundUrl, then the addresses the host resolves to now; the caller connects to one. */
export async function resolveOutboundTarget(
  raw: string,
  allowHosts: readonly string[],
  lookup: Lookup,
  words: UrlWords,
): Promise<TargetVerdict> {
  const verdict = checkOutboundUrl(raw, allowHosts, words);
  if (!verdict.ok) return verdict;
  const host = hostOf(verdict.url);
  const addresses: ResolvedAddress[] = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host).catch(() => []);
  if (addresses.length === 0)
    return words.unknown === null
      ? { ok: true, url: verdict.url, addresses }
      : { ok: false, reason: words.unknown };
  const refused = refusedAddress(host, addresses, allowHosts);
  if (refused)
    return {
      ok: false,
      reason: `refused: ${words.host} ${host} resolves to ${refused.address}, ${refused.why}`,
    };
  return { ok: true, url: verdict.url, addresses };
}
