// Chaos settings for the storefront: the common fields of docs/simulators.md, webhook chaos, and the
// bulk inventory endpoint's own rate limit. Admin updates are partial merges.
import {
  commonChaosFields,
  defaultCommonChaos,
  defaultWebhookChaos,
  mergeSettings,
  rateLimitField,
  webhookChaosFields,
} from '../shared-chaos';
import type { CommonChaos, FieldParsers, RateLimit, WebhookChaos } from '../shared-chaos';

export interface CommerceChaos extends CommonChaos, WebhookChaos {
  /** Shopify throttles bulk inventory writes harder than reads: on by default. */
  bulkSetRateLimit: RateLimit | null;
}

export function defaultChaos(): CommerceChaos {
  return {
    ...defaultCommonChaos(),
    ...defaultWebhookChaos(),
    bulkSetRateLimit: { perSecond: 2, burst: 4 },
  };
}

const fields: FieldParsers<CommerceChaos> = {
  ...commonChaosFields,
  ...webhookChaosFields,
  bulkSetRateLimit: rateLimitField<CommerceChaos>('bulkSetRateLimit'),
  // Names this simulator used before the common fields existed; tests and scripts still send them.
  apiLatencyMs: commonChaosFields.latencyMs,
  apiErrorRate: commonChaosFields.errorRate,
  apiRateLimitRate: commonChaosFields.rateLimitRate,
};

/** Returns the merged settings or throws TypeError naming the bad field; never half-applies. */
export function mergeChaos(current: CommerceChaos, patch: unknown): CommerceChaos {
  return mergeSettings(current, patch, fields);
}
