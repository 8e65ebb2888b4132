// What saving an alert rule needs from the running process: the key ring that seals the signing
// secret and the hosts OUTBOUND_ALLOW_HOSTS lets through the SSRF guard (lib/outbound, read from
// the environment once); routes and actions pass the result to the use cases.
import type { KeyRing } from '@/lib/crypto/key-ring';
import { outboundAllowHosts } from '@/lib/outbound';
import type { AlertRuleDeps } from './alert-rules';

export function alertRuleDeps(ctx: { keyRing: KeyRing }): AlertRuleDeps {
  return { keyRing: ctx.keyRing, allowHosts: outboundAllowHosts() };
}
