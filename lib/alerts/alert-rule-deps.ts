// What saving an alert rule needs from the running process: the key ring that seals the signing
// secret and the hosts ALERT_WEBHOOK_ALLOW_HOSTS lets through the SSRF guard. Read from the
// environment once; routes and actions pass the result to the use cases.
import type { KeyRing } from '@/lib/crypto/key-ring';
import { serverEnv } from '@/lib/env';
import type { AlertRuleDeps } from './alert-rules';
import { parseAllowHosts } from './webhook-url';

let allowHosts: readonly string[] | undefined;

export function alertRuleDeps(ctx: { keyRing: KeyRing }): AlertRuleDeps {
  allowHosts ??= parseAllowHosts(serverEnv().ALERT_WEBHOOK_ALLOW_HOSTS);
  return { keyRing: ctx.keyRing, allowHosts };
}
