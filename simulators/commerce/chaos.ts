// Chaos settings for the storefront. Admin updates are partial merges so a test can flip one knob
// without restating the others.
import { flag, isPlainObject, latencyRange, probability } from '../shared-runtime';
import type { LatencyRange } from '../shared-runtime';
import type { WebhookChaos } from './webhooks';

export interface CommerceChaos extends WebhookChaos {
  apiLatencyMs: LatencyRange;
  apiErrorRate: number;
  apiRateLimitRate: number;
}

export function defaultChaos(): CommerceChaos {
  return {
    duplicateRate: 0,
    reorderRate: 0,
    webhookOutage: false,
    apiLatencyMs: { min: 0, max: 0 },
    apiErrorRate: 0,
    apiRateLimitRate: 0,
  };
}

/** Returns the merged settings or throws TypeError naming the bad field; never half-applies. */
export function mergeChaos(current: CommerceChaos, patch: unknown): CommerceChaos {
  if (!isPlainObject(patch)) throw new TypeError('chaos must be a JSON object');
  const next: CommerceChaos = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'duplicateRate':
      case 'reorderRate':
      case 'apiErrorRate':
      case 'apiRateLimitRate':
        next[key] = probability(value, key);
        break;
      case 'webhookOutage':
        next.webhookOutage = flag(value, key);
        break;
      case 'apiLatencyMs':
        next.apiLatencyMs = latencyRange(value, key);
        break;
      default:
        throw new TypeError(`unknown chaos setting: ${key}`);
    }
  }
  return next;
}
