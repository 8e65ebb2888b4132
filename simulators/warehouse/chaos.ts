// Chaos settings for the warehouse; admin updates are partial merges.
import { flag, isPlainObject, latencyRange, probability } from '../shared-runtime';
import type { LatencyRange } from '../shared-runtime';

export interface WarehouseChaos {
  latencyMs: LatencyRange;
  errorRate: number;
  timeoutAfterSuccessRate: number;
  maintenance: boolean;
  rateLimitRate: number;
  authExpired: boolean;
}

export function defaultChaos(): WarehouseChaos {
  return {
    latencyMs: { min: 0, max: 0 },
    errorRate: 0,
    timeoutAfterSuccessRate: 0,
    maintenance: false,
    rateLimitRate: 0,
    authExpired: false,
  };
}

/** Returns the merged settings or throws TypeError naming the bad field; never half-applies. */
export function mergeChaos(current: WarehouseChaos, patch: unknown): WarehouseChaos {
  if (!isPlainObject(patch)) throw new TypeError('chaos must be a JSON object');
  const next: WarehouseChaos = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'errorRate':
      case 'timeoutAfterSuccessRate':
      case 'rateLimitRate':
        next[key] = probability(value, key);
        break;
      case 'maintenance':
      case 'authExpired':
        next[key] = flag(value, key);
        break;
      case 'latencyMs':
        next.latencyMs = latencyRange(value, key);
        break;
      default:
        throw new TypeError(`unknown chaos setting: ${key}`);
    }
  }
  return next;
}
