// Dockyard's chaos: the common fields and webhook chaos of docs/simulators.md, plus a 429 burst
// counted in requests instead of time (`rateLimitNext`), so a test knows exactly which calls fail.
import { applyChaos } from '../shared-chaos';
import {
  commonChaosFields,
  defaultCommonChaos,
  defaultWebhookChaos,
  integer,
  mergeSettings,
  refusal,
  webhookChaosFields,
} from '../shared-chaos';
import type { ChaosRuntime, CommonChaos, FieldParsers, GateOptions } from '../shared-chaos';
import type { WebhookChaos } from '../shared-chaos';
import type { IncomingMessage } from 'node:http';
import { isPlainObject } from '../shared-runtime';

export interface CountedBurst {
  /** /v2 requests still to be refused; the setting clears itself when it reaches 0. */
  count: number;
  retryAfterSeconds: number;
}

export interface DockyardChaos extends CommonChaos, WebhookChaos {
  rateLimitNext: CountedBurst | null;
}

export function defaultChaos(): DockyardChaos {
  return { ...defaultCommonChaos(), ...defaultWebhookChaos(), rateLimitNext: null };
}

const fields: FieldParsers<DockyardChaos> = {
  ...commonChaosFields,
  ...webhookChaosFields,
  rateLimitNext: (value, field) => {
    if (value === null) return { rateLimitNext: null };
    if (!isPlainObject(value)) {
      throw new TypeError(`${field} must be { count, retryAfterSeconds? } or null`);
    }
    const count = integer(value.count, `${field}.count`, 1, 1_000_000);
    const retry = integer(value.retryAfterSeconds ?? 1, `${field}.retryAfterSeconds`, 1, 86_400);
    return { rateLimitNext: { count, retryAfterSeconds: retry } };
  },
};

/** Returns the merged settings or throws TypeError naming the bad field; never half-applies. */
export function mergeChaos(current: DockyardChaos, patch: unknown): DockyardChaos {
  return mergeSettings(current, patch, fields);
}

const BEARER = 'Bearer realm="dockyard", error="invalid_token"';
export const V2_REPLIES: GateOptions['replies'] = {
  unauthorized: { body: { error: 'invalid_token' }, headers: { 'WWW-Authenticate': BEARER } },
  auth_expired: {
    body: { error: 'invalid_token' },
    headers: { 'WWW-Authenticate': `${BEARER}, error_description="The access token expired"` },
  },
  rate_limited: { body: { code: 'rate_limited', message: 'Too many requests' } },
  unavailable: { body: { code: 'unavailable' } },
  outage: { body: { code: 'unavailable' } },
  maintenance: { body: { code: 'maintenance' } },
};

/**
 * The /v2 gateway: the common chaos with the bearer check, then the counted burst (last, so a call
 * refused for another reason does not use one up).
 */
export async function gateV2(
  state: { chaos: DockyardChaos; rt: ChaosRuntime },
  req: IncomingMessage,
  authorized: (req: IncomingMessage) => boolean,
): Promise<void> {
  await applyChaos(state.chaos, state.rt, req, { authorized, replies: V2_REPLIES });
  const burst = state.chaos.rateLimitNext;
  if (!burst) return;
  const left = burst.count - 1;
  state.chaos = { ...state.chaos, rateLimitNext: left > 0 ? { ...burst, count: left } : null };
  const retryAfter = String(burst.retryAfterSeconds);
  throw refusal({ replies: V2_REPLIES }, 'rate_limited', 429, { 'Retry-After': retryAfter });
}

/**
 * The token endpoint is behind the same gateway when it is slow, down or failing, but it takes no
 * bearer token and is not throttled with the API (Waybill must be able to fetch a token after a 429).
 */
export function gateToken(
  state: { chaos: DockyardChaos; rt: ChaosRuntime },
  req: IncomingMessage,
): Promise<void> {
  const chaos: DockyardChaos = {
    ...state.chaos,
    authExpired: false,
    rateLimit: null,
    rateLimitRate: 0,
    rateLimitBurst: null,
  };
  return applyChaos(chaos, state.rt, req, { replies: V2_REPLIES });
}
