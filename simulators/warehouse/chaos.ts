// Chaos settings for the warehouse: exactly the common fields of docs/simulators.md (the names this
// simulator always used are among them). Admin updates are partial merges.
import { commonChaosFields, defaultCommonChaos, mergeSettings } from '../shared-chaos';
import type { CommonChaos } from '../shared-chaos';

export type WarehouseChaos = CommonChaos;

export function defaultChaos(): WarehouseChaos {
  return defaultCommonChaos();
}

/** Returns the merged settings or throws TypeError naming the bad field; never half-applies. */
export function mergeChaos(current: WarehouseChaos, patch: unknown): WarehouseChaos {
  return mergeSettings(current, patch, commonChaosFields);
}
