// The chaos every simulator understands (docs/simulators.md, "Chaos"), and the one gate API
// servers call before handling a request. Field parsing lives in shared-chaos-fields.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, sendJson } from './shared-http';
import { latencyMs } from './shared-runtime';
import type { LatencyRange, Rng, TimerSet } from './shared-runtime';

export {
  commonChaosFields,
  integer,
  mergeSettings,
  rateLimitField,
  webhookChaosFields,
} from './shared-chaos-fields';
export type { FieldParser, FieldParsers } from './shared-chaos-fields';

export interface Percentiles {
  p50: number;
  p99: number;
}
export type LatencySpec = LatencyRange | Percentiles;

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** A chaos mode that switches itself off: `until` is epoch ms, computed when the admin call lands. */
export interface TimeWindow {
  forMs: number;
  until: number;
}
export interface RateLimitBurst extends TimeWindow {
  retryAfterSeconds: number;
}
export interface Outage extends TimeWindow {
  /** true: drop the connection instead of answering 503 (a crashed upstream, not a polite one). */
  reset: boolean;
}

export interface CommonChaos {
  latencyMs: LatencySpec;
  errorRate: number;
  timeoutAfterSuccessRate: number;
  hangMs: number;
  rateLimit: RateLimit | null;
  /** Probability of a lone 429 (Retry-After: 1), independent of the token bucket. */
  rateLimitRate: number;
  rateLimitBurst: RateLimitBurst | null;
  outage: Outage | null;
  maintenance: boolean;
  authExpired: boolean;
}

export interface WebhookChaos {
  duplicateRate: number;
  reorderRate: number;
  webhookOutage: boolean;
  /** Epoch ms; set through `webhookOutageForMs`. */
  webhookOutageUntil: number | null;
  lateDeliveryMs: LatencyRange;
}

export function defaultCommonChaos(): CommonChaos {
  return {
    latencyMs: { min: 0, max: 0 },
    errorRate: 0,
    timeoutAfterSuccessRate: 0,
    hangMs: 30_000,
    rateLimit: null,
    rateLimitRate: 0,
    rateLimitBurst: null,
    outage: null,
    maintenance: false,
    authExpired: false,
  };
}

export function defaultWebhookChaos(): WebhookChaos {
  return {
    duplicateRate: 0,
    reorderRate: 0,
    webhookOutage: false,
    webhookOutageUntil: null,
    lateDeliveryMs: { min: 0, max: 0 },
  };
}

export function webhookOutageActive(chaos: WebhookChaos, now = Date.now()): boolean {
  return (
    chaos.webhookOutage || (chaos.webhookOutageUntil !== null && now < chaos.webhookOutageUntil)
  );
}

const MAX_LATENCY_MS = 120_000;
// z-score of the 99th percentile of a standard normal distribution.
const Z99 = 2.326;

/** {min,max} is uniform; {p50,p99} is lognormal, so rare slow calls come in a realistic long tail. */
export function sampleLatency(rng: Rng, spec: LatencySpec): number {
  if ('min' in spec) return latencyMs(rng, spec);
  if (spec.p99 <= spec.p50) return Math.round(spec.p50);
  const sigma = Math.log(spec.p99 / spec.p50) / Z99;
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.min(MAX_LATENCY_MS, Math.round(spec.p50 * Math.exp(sigma * z)));
}

/**
 * Token bucket of one API client. A changed limit starts a full bucket, so a test that tightens
 * the limit sees exactly `burst` calls pass before the first 429.
 */
export class TokenBucket {
  private tokens = 0;
  private at = 0;
  private key = '';

  /** Takes a token; returns 0 when granted, else whole seconds until one is available (>= 1). */
  take(limit: RateLimit, now: number): number {
    const key = `${limit.perSecond}/${limit.burst}`;
    if (key !== this.key) {
      this.key = key;
      this.tokens = limit.burst;
      this.at = now;
    }
    this.tokens = Math.min(limit.burst, this.tokens + ((now - this.at) / 1000) * limit.perSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / limit.perSecond));
  }

  reset(): void {
    this.key = '';
  }
}

export interface ChaosRuntime {
  /** Chaos draws only: a stream apart from the data's, so turning chaos on never changes data. */
  rng: Rng;
  timers: TimerSet;
  bucket: TokenBucket;
}

export type Refusal =
  'unavailable' | 'outage' | 'maintenance' | 'unauthorized' | 'auth_expired' | 'rate_limited';

export interface RefusalReply {
  body: unknown;
  headers?: Record<string, string>;
}

const DEFAULT_REPLIES: Record<Refusal, RefusalReply> = {
  unavailable: { body: { error: 'unavailable' } },
  outage: { body: { error: 'unavailable' } },
  maintenance: { body: { error: 'maintenance' } },
  unauthorized: { body: { error: 'unauthorized' } },
  auth_expired: { body: { error: 'token_expired' } },
  rate_limited: { body: { error: 'rate_limited' } },
};

export interface GateOptions {
  /** Omitted: the API takes no credentials (the storefront's tests call it bare). */
  authorized?: (req: IncomingMessage) => boolean;
  /** Provider-flavoured bodies; the statuses stay those of the contract. */
  replies?: Partial<Record<Refusal, RefusalReply>>;
}

export function refusal(
  options: GateOptions,
  kind: Refusal,
  status: number,
  headers: Record<string, string> = {},
): HttpError {
  const reply = options.replies?.[kind] ?? DEFAULT_REPLIES[kind];
  return new HttpError(status, reply.body, { ...reply.headers, ...headers });
}

/**
 * Runs before the handler, in the order of a real gateway: slow first, then down (before auth, the
 * API is simply not there), then auth, then throttling and random 5xx. Nothing here reaches the
 * handler, so a refused call never has a side effect.
 */
export async function applyChaos(
  chaos: CommonChaos,
  rt: ChaosRuntime,
  req: IncomingMessage,
  options: GateOptions = {},
): Promise<void> {
  await rt.timers.delay(sampleLatency(rt.rng, chaos.latencyMs));
  const now = Date.now();
  if (chaos.outage && now < chaos.outage.until) {
    // serve() does not answer on a destroyed socket, so the client sees a reset.
    if (chaos.outage.reset) req.socket.destroy();
    throw refusal(options, 'outage', 503);
  }
  if (chaos.maintenance) throw refusal(options, 'maintenance', 503, { 'Retry-After': '5' });
  if (options.authorized && !options.authorized(req)) throw refusal(options, 'unauthorized', 401);
  if (chaos.authExpired) throw refusal(options, 'auth_expired', 401);
  if (chaos.rateLimitBurst && now < chaos.rateLimitBurst.until) {
    const retryAfter = String(chaos.rateLimitBurst.retryAfterSeconds);
    throw refusal(options, 'rate_limited', 429, { 'Retry-After': retryAfter });
  }
  if (chaos.rateLimit) throwIfLimited(rt.bucket, chaos.rateLimit, options, now);
  if (rt.rng.chance(chaos.rateLimitRate)) {
    throw refusal(options, 'rate_limited', 429, { 'Retry-After': '1' });
  }
  if (rt.rng.chance(chaos.errorRate)) throw refusal(options, 'unavailable', 503);
}

/** For routes with a limit of their own (commerce's bulk inventory endpoint). */
export function throwIfLimited(
  bucket: TokenBucket,
  limit: RateLimit,
  options: GateOptions,
  now = Date.now(),
): void {
  const wait = bucket.take(limit, now);
  if (wait > 0) throw refusal(options, 'rate_limited', 429, { 'Retry-After': String(wait) });
}

/**
 * Answers a write that has already been applied, or (timeoutAfterSuccessRate) keeps the socket
 * silent for hangMs and then drops it: the client must look the record up or retry safely.
 */
export function answerWrite(
  chaos: CommonChaos,
  rt: ChaosRuntime,
  ctx: { req: IncomingMessage; res: ServerResponse },
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (rt.rng.chance(chaos.timeoutAfterSuccessRate)) {
    const socket = ctx.req.socket;
    const hold = rt.timers.timeout(chaos.hangMs, () => socket.destroy());
    socket.once('close', () => rt.timers.clear(hold));
    return;
  }
  sendJson(ctx.res, status, body, headers);
}
