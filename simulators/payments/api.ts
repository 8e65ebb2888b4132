// The Stripe API subset: payment intents (created already succeeded) and refunds, behind a secret
// key and the common chaos.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { sendJson } from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { answerWrite, applyChaos } from '../shared-chaos';
import type { ChaosRuntime, CommonChaos, GateOptions, WebhookChaos } from '../shared-chaos';
import type { WebhookSender } from '../shared-webhooks';
import { emitEvent } from './events';
import type { EventMeta } from './events';
import { IdempotencyStore } from './idempotency';
import {
  intParam,
  listObjects,
  metadataParam,
  readParams,
  stringParam,
  stripeError,
} from './params';
import type { PaymentStore } from './store';

export type PaymentsChaos = CommonChaos & WebhookChaos;

export interface PaymentsState {
  apiKey: string;
  store: PaymentStore;
  idempotency: IdempotencyStore;
  events: WebhookSender<EventMeta>;
  chaos: PaymentsChaos;
  rt: ChaosRuntime;
}

function authorized(req: IncomingMessage, key: string): boolean {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const REPLIES: GateOptions['replies'] = {
  unauthorized: {
    body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } },
  },
  auth_expired: {
    body: {
      error: {
        type: 'invalid_request_error',
        code: 'api_key_expired',
        message: 'Expired API Key provided.',
      },
    },
  },
  rate_limited: {
    body: {
      error: {
        type: 'invalid_request_error',
        code: 'rate_limit',
        message: 'Request rate limit exceeded. Try again later.',
      },
    },
  },
};

export function gate(state: PaymentsState, req: IncomingMessage): Promise<void> {
  return applyChaos(state.chaos, state.rt, req, {
    authorized: (r) => authorized(r, state.apiKey),
    replies: REPLIES,
  });
}

/** Runs a create under Stripe's optional Idempotency-Key, then answers (or hangs, per chaos). */
async function idempotentWrite(
  state: PaymentsState,
  ctx: RouteContext,
  create: (params: Record<string, unknown>) => unknown,
): Promise<void> {
  const params = await readParams(ctx.req);
  const header = ctx.req.headers['idempotency-key'];
  const key = typeof header === 'string' && header !== '' ? header : undefined;
  const print = IdempotencyStore.fingerprint(ctx.url.pathname, params);
  if (state.idempotency.replay(key, print, ctx.res)) return;
  const body = create(params);
  state.idempotency.remember(key, print, 200, body);
  answerWrite(state.chaos, state.rt, ctx, 200, body);
}

function createIntent(state: PaymentsState, params: Record<string, unknown>): unknown {
  const amount = intParam(params, 'amount', 1);
  if (amount === undefined) {
    throw stripeError(400, 'Missing required param: amount.', {
      code: 'parameter_missing',
      param: 'amount',
    });
  }
  const currency = stringParam(params, 'currency');
  if (currency === undefined || !/^[A-Za-z]{3}$/.test(currency)) {
    throw stripeError(400, 'Missing or invalid param: currency.', { param: 'currency' });
  }
  const intent = state.store.createIntent(amount, currency.toLowerCase(), metadataParam(params));
  const eventId = state.store.newId('evt');
  emitEvent(state.events, eventId, 'payment_intent.succeeded', intent, intent.id, state.chaos);
  return intent;
}

function createRefund(state: PaymentsState, params: Record<string, unknown>): unknown {
  const piId = stringParam(params, 'payment_intent');
  const intent = piId === undefined ? undefined : state.store.intent(piId);
  if (!intent) {
    throw stripeError(400, `No such payment_intent: '${piId ?? ''}'`, {
      code: 'resource_missing',
      param: 'payment_intent',
    });
  }
  const charge = state.store.chargeOf(intent);
  const left = charge.amount - charge.amount_refunded;
  if (left === 0) {
    throw stripeError(400, `Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
    });
  }
  const amount = intParam(params, 'amount', 1) ?? left;
  if (amount > left) {
    throw stripeError(
      400,
      `Refund amount (${amount}) is greater than unrefunded amount (${left}).`,
      {
        code: 'amount_too_large',
        param: 'amount',
      },
    );
  }
  const refund = state.store.createRefund(intent, amount, stringParam(params, 'reason') ?? null);
  const eventId = state.store.newId('evt');
  emitEvent(state.events, eventId, 'charge.refunded', charge, intent.id, state.chaos);
  return refund;
}

function getOne(kind: 'payment_intent' | 'refund', state: PaymentsState, ctx: RouteContext): void {
  const id = ctx.params[0] ?? '';
  const found = kind === 'refund' ? state.store.refund(id) : state.store.intent(id);
  if (!found) {
    throw stripeError(404, `No such ${kind}: '${id}'`, { code: 'resource_missing', param: 'id' });
  }
  sendJson(ctx.res, 200, found);
}

export function apiRoutes(state: PaymentsState): Route[] {
  const route = (method: string, path: string, handle: Route['handle']): Route => ({
    method,
    path: new RegExp(`^${path}$`),
    name: `${method} ${path.replace('([^/]+)', ':id')}`,
    handle,
  });
  return [
    route('POST', '/v1/payment_intents', (ctx) =>
      idempotentWrite(state, ctx, (p) => createIntent(state, p)),
    ),
    route('GET', '/v1/payment_intents', ({ res, url }) =>
      sendJson(res, 200, listObjects(state.store.intents, url)),
    ),
    route('GET', '/v1/payment_intents/([^/]+)', (ctx) => getOne('payment_intent', state, ctx)),
    route('POST', '/v1/refunds', (ctx) =>
      idempotentWrite(state, ctx, (p) => createRefund(state, p)),
    ),
    route('GET', '/v1/refunds', ({ res, url }) => {
      const pi = url.searchParams.get('payment_intent');
      const keep =
        pi === null ? undefined : (r: { payment_intent: string }) => r.payment_intent === pi;
      sendJson(res, 200, listObjects(state.store.refunds, url, keep));
    }),
    route('GET', '/v1/refunds/([^/]+)', (ctx) => getOne('refund', state, ctx)),
  ];
}
