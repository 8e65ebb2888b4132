// The SSRF guard every outbound request of Waybill goes through: provider calls, connection tests
// and record reads (lib/providers/http.ts), connection base URLs when saved (lib/connections,
// lib/config-as-code) and alert webhooks (lib/alerts). Imports only lib/env and node.
export {
  bareHost,
  embeddedIPv4,
  hostOf,
  internalAddressReason,
  internalHostNameReason,
} from './addresses';
export {
  checkOutboundUrl,
  refusedAddress,
  resolveOutboundTarget,
  type TargetVerdict,
  type UrlVerdict,
  type UrlWords,
} from './outbound-url';
export {
  guardedLookup,
  literalHostRefusal,
  OUTBOUND_REFUSED,
  OutboundRefusedError,
} from './guarded-lookup';
export {
  outboundAllowHosts,
  outboundPolicy,
  parseAllowHosts,
  setOutboundPolicy,
  systemLookup,
  type Lookup,
  type OutboundPolicy,
  type ResolvedAddress,
} from './policy';
