// Which addresses and host names are internal: the ranges no outbound request of Waybill (provider
// calls, connection tests, record reads, alert webhooks) may reach unless OUTBOUND_ALLOW_HOSTS
// names them. Internal = this machine, our own networks and the cloud metadata service: a URL an
// admin typed must not turn the worker into a way of reading them.
import { BlockList, isIP } from 'node:net';

/** Address ranges no outbound request may reach, with the words a refusal uses. */
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
export function internalHostNameReason(host: string): string | null {
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a name for this machine';
  if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.home.arpa'))
    return 'a name of a local network';
  // "redis", "postgres", "metadata": resolved through the search domains of our own network
  if (!host.includes('.')) return 'a name without a domain (it would resolve inside our network)';
  return null;
}

/** A host as written in a URL or an allow list: no IPv6 brackets, no final dot, lower case. */
export function bareHost(host: string): string {
  return host
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** The host of a URL, bare ("LOCALHOST." -> "localhost", "[::1]" -> "::1"). */
export function hostOf(url: URL): string {
  return bareHost(url.hostname);
}
