// The SSRF guard for alert webhooks: lib/outbound's guard in the words of the alert rules screen.
// An alert rule makes the worker POST to a URL an admin typed, from inside our network; the URL is
// checked when the rule is saved (checkWebhookUrl: shape, credentials, the host as written) and
// again at each delivery on the addresses DNS gives right then (resolveWebhookTarget: ANY internal
// address refuses, and channels/http-post.ts connects to the checked address). OUTBOUND_ALLOW_HOSTS
// (formerly ALERT_WEBHOOK_ALLOW_HOSTS) opts named hosts in: tests and the demo deliver to a
// receiver on loopback.
import {
  checkOutboundUrl,
  resolveOutboundTarget,
  systemLookup,
  type Lookup,
  type TargetVerdict,
  type UrlVerdict,
  type UrlWords,
} from '@/lib/outbound';

export type { Lookup, ResolvedAddress, TargetVerdict, UrlVerdict } from '@/lib/outbound';

const WEBHOOK: UrlWords = {
  url: 'the webhook URL',
  host: 'the webhook host',
  reach: 'which alerts may not reach',
  credentials: 'use the signing secret',
  unknown: "the receiver's host name is unknown",
};

/** The save-time check. A host name that looks public passes here; delivery decides on its addresses. */
export function checkWebhookUrl(raw: string, allowHosts: readonly string[] = []): UrlVerdict {
  return checkOutboundUrl(raw, allowHosts, WEBHOOK);
}

/** The delivery-time check; the caller connects to one of the returned addresses. */
export function resolveWebhookTarget(
  raw: string,
  allowHosts: readonly string[] = [],
  lookup: Lookup = systemLookup,
): Promise<TargetVerdict> {
  return resolveOutboundTarget(raw, allowHosts, lookup, WEBHOOK);
}
