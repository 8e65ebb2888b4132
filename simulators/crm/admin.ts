// Admin endpoints of the CRM: only the standard ones (chaos, side effects, request counts, reset),
// since nothing in a CRM happens without a client call. Never behind auth or chaos.
import type { Route } from '../shared-http';
import { commonChaosFields, defaultCommonChaos, mergeSettings } from '../shared-chaos';
import type { FieldParsers } from '../shared-chaos';
import { probability } from '../shared-runtime';
import { standardAdminRoutes } from '../shared-server';
import type { RequestCounter } from '../shared-server';
import type { CrmChaos, CrmState } from './api';

export const defaultChaos = (): CrmChaos => ({ ...defaultCommonChaos(), conflictRate: 0 });

const chaosFields: FieldParsers<CrmChaos> = {
  ...commonChaosFields,
  conflictRate: (v, f) => ({ conflictRate: probability(v, f) }),
};

export function adminRoutes(
  state: CrmState,
  counter: RequestCounter,
  resetAll: () => void,
): Route[] {
  return standardAdminRoutes({
    getChaos: () => state.chaos,
    mergeChaos: (patch) => (state.chaos = mergeSettings(state.chaos, patch, chaosFields)),
    sideEffects: () => state.store.sideEffects,
    counter,
    reset: resetAll,
  });
}
