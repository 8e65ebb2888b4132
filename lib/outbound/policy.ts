// The process's outbound policy: which internal hosts OUTBOUND_ALLOW_HOSTS lets through, and how
// host names are resolved. Read once per process, like the keep-alive pools it guards.
import { lookup as dnsLookup } from 'node:dns/promises';
import { outboundAllowHostsSetting } from '@/lib/env';
import { bareHost } from './addresses';

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Resolves a host name to every address it has now (tests stand in a rebinding DNS). */
export type Lookup = (host: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

export interface OutboundPolicy {
  /** hosts or addresses let through although internal (bare, lower case) */
  allowHosts: readonly string[];
  lookup: Lookup;
}

/** OUTBOUND_ALLOW_HOSTS: "127.0.0.1, Sims.Test ,[::1]" -> ["127.0.0.1", "sims.test", "::1"]. */
export function parseAllowHosts(value: string | undefined): string[] {
  return (value ?? '').split(',').map(bareHost).filter(Boolean);
}

let processPolicy: OutboundPolicy | undefined;

/** The policy every outbound request of this process follows unless a caller passes its own. */
export function outboundPolicy(): OutboundPolicy {
  return (processPolicy ??= {
    allowHosts: parseAllowHosts(outboundAllowHostsSetting()),
    lookup: systemLookup,
  });
}

/** The allow list of this process (alerts pass it on explicitly). */
export function outboundAllowHosts(): readonly string[] {
  return outboundPolicy().allowHosts;
}

/**
 * Tests only: stand in a policy for this process (an empty allow list, a resolver that answers an
 * internal address), or undefined to go back to the configured one. Vitest gives every test file
 * its own module instances, so this never leaks into another file.
 */
export function setOutboundPolicy(policy: OutboundPolicy | undefined): void {
  processPolicy = policy;
}
