// The SSRF guard for alert webhooks. An alert rule makes the worker POST to a URL an admin typed,
// from inside our network: without a guard that URL could reach the database, Redis, the cloud
// metadata service or anything else only the worker can see. So a webhook URL must be http(s),
// carry no credentials, and name a host that is public, checked twice:
//  - when the rule is saved (literal IPs in any notation the URL parser accepts, and names that are
//    internal by definition, like "localhost"), so the admin learns at once;
//  - when an alert is delivered, on the addresses DNS gives for the host right then. ANY internal
//    address refuses the delivery, and the request connects to the checked address (see
//    deliver-alert.ts), so a name that resolves to a public address at save time and to 127.0.0.1
//    later (DNS rebinding) gets nowhere.
// ALERT_WEBHOOK_ALLOW_HOSTS opts named hosts or addresses in (tests and the demo deliver to a
// receiver on loopback); nothing else bypasses the guard.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Address ranges a webhook may never reach, with the words the refusal uses. */
const INTERNAL_V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address (this includes cloud metadata services)'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.168.0.0', 16, 'a private address'],
  ['224.0.0.0', 4, 'a multicast address'],
  // reserved for future use, and the limited broadcast address 255.255.255.255
  ['240.0.0.0', 4, 'a reserved address'],
];
const INTERNAL_V6: [string, number, string][] = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  // the deprecated IPv4-compatible form (::a.b.c.d): never a public destination
  ['::', 96, 'a reserved address'],
  ['fc00::', 7, 'a private address'],
  ['fe80::', 10, 'a link-local address'],
  ['ff00::', 8, 'a multicast address'],
];

function blockListOf(ranges: [string, number, string][], family: 'ipv4' | 'ipv6') {
  return ranges.map(([network, prefix, words]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, family, words };
  });
}
const RANGES = [...blockListOf(INTERNAL_V4, 'ipv4'), ...blockListOf(INTERNAL_V6, 'ipv6')];

/**
 * The IPv4 address an IPv6 address carries when it only wraps one: IPv4-mapped (::ffff:a.b.c.d,
 * also written ::ffff:7f00:1), IPv4-translated (::ffff:0:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d)
 * reach the IPv4 host, so they are judged as that host.
 */
export function embeddedIPv4(address: string): string | null {
  const lower = address.toLowerCase();
  const prefix = ['::ffff:0:', '::ffff:', '64:ff9b::'].find((p) => lower.startsWith(p));
  const rest = prefix ? lower.slice(prefix.length) : null;
  if (!rest) return null;
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
  if (!hex) return null;
  const high = parseInt(hex[1] ?? '0', 16);
  const low = parseInt(hex[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why an IP address is internal, or null for a public one. Not an IP at all: treated as internal. */
export function internalAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return 'not an IP address';
  const v4 = family === 6 ? embeddedIPv4(bare) : bare;
  if (v4 && family === 6) return internalAddressReason(v4);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const hit = RANGES.find((r) => r.family === type && r.list.check(bare, type));
  return hit ? hit.words : null;
}

/** Host names that mean "this machine or this network" whatever DNS says. */
function internalHostNameReason(host: string): string | null {
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a name for this machine';
  if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.home.arpa'))
    return 'a name of a local network';
  // "redis", "postgres", "metadata": resolved through the search domains of our own network
  if (!host.includes('.')) return 'a name without a domain (it would resolve inside our network)';
  return null;
}

/** The host as it appears in the URL, without IPv6 brackets or a final dot ("localhost."), lower case. */
export function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** ALERT_WEBHOOK_ALLOW_HOSTS: "127.0.0.1, receiver.test" -> ["127.0.0.1", "receiver.test"]. */
export function parseAllowHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((h) =>
      h
        .trim()
        .replace(/^\[|\]$/g, '')
        .toLowerCase(),
    )
    .filter(Boolean);
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The save-time check: shape, credentials, and the host as written. A host name that looks public
 * passes here; the delivery-time check decides on its addresses.
 */
export function checkWebhookUrl(raw: string, allowHosts: readonly string[] = []): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'the webhook URL is not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: 'the webhook URL must start with https:// or http://' };
  if (url.username || url.password)
    return {
      ok: false,
      reason: 'the webhook URL must not contain a user name or password; use the signing secret',
    };
  const host = hostOf(url);
  if (allowHosts.includes(host)) return { ok: true, url };
  // The URL parser has already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
  const why = isIP(host) ? internalAddressReason(host) : internalHostNameReason(host);
  if (why)
    return { ok: false, reason: `the webhook host ${host} is ${why}, which alerts may not reach` };
  return { ok: true, url };
}

export interface ResolvedAddress {
  address: string;
  family: number;
}
export type Lookup = (host: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

export type TargetVerdict =
  { ok: true; url: URL; addresses: ResolvedAddress[] } | { ok: false; reason: string };

/**
 * The delivery-time check: the save-time rules again (the rule may predate them), then every
 * address the host resolves to now. The caller connects to one of the returned addresses, never
 * resolves the name again.
 */
export async function resolveWebhookTarget(
  raw: string,
  allowHosts: readonly string[] = [],
  lookup: Lookup = systemLookup,
): Promise<TargetVerdict> {
  const verdict = checkWebhookUrl(raw, allowHosts);
  if (!verdict.ok) return verdict;
  const host = hostOf(verdict.url);
  let addresses: ResolvedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host);
    } catch {
      return { ok: false, reason: "the receiver's host name is unknown" };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: "the receiver's host name is unknown" };
  if (!allowHosts.includes(host))
    for (const { address } of addresses) {
      if (allowHosts.includes(address.toLowerCase())) continue;
      const why = internalAddressReason(address);
      if (why)
        return {
          ok: false,
          reason: `refused: the webhook host ${host} resolves to ${address}, ${why}`,
        };
    }
  return { ok: true, url: verdict.url, addresses };
}
