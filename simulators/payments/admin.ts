// Admin endpoints of the payments simulator: chaos, the webhook endpoint, the event log and its
// deliveries. Never behind auth or chaos.
import { sendJson } from '../shared-http';
import type { Route } from '../shared-http';
import {
  commonChaosFields,
  defaultCommonChaos,
  defaultWebhookChaos,
  mergeSettings,
  webhookChaosFields,
} from '../shared-chaos';
import type { FieldParsers } from '../shared-chaos';
import { adminRoute, badRequest, readObject, standardAdminRoutes } from '../shared-server';
import type { RequestCounter } from '../shared-server';
import type { PaymentsChaos, PaymentsState } from './api';

export function defaultChaos(): PaymentsChaos {
  return { ...defaultCommonChaos(), ...defaultWebhookChaos() };
}

const chaosFields: FieldParsers<PaymentsChaos> = { ...commonChaosFields, ...webhookChaosFields };

export function adminRoutes(
  state: PaymentsState,
  counter: RequestCounter,
  resetAll: () => void,
): Route[] {
  return [
    adminRoute('GET', 'webhook', ({ res }) => sendJson(res, 200, { url: state.events.url })),
    adminRoute('POST', 'webhook', async (ctx) => {
      const body = await readObject(ctx);
      if (body.url === null) {
        state.events.configure(undefined);
        return sendJson(ctx.res, 200, { url: null });
      }
      if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) {
        throw badRequest('url must be an http(s) URL, or null to stop delivering');
      }
      if (typeof body.secret !== 'string' || body.secret === '') {
        throw badRequest('secret must be a non-empty string (whsec_…)');
      }
      state.events.configure({ url: body.url, secret: body.secret });
      sendJson(ctx.res, 200, { url: body.url });
    }),
    adminRoute('GET', 'events', ({ res }) => sendJson(res, 200, state.events.events())),
    adminRoute('GET', 'deliveries', ({ res, url }) => {
      const eventId = url.searchParams.get('eventId');
      const rows = state.events.deliveries().filter((d) => !eventId || d.eventId === eventId);
      sendJson(res, 200, rows);
    }),
    adminRoute('GET', 'idle', ({ res }) => {
      const pending = state.events.pending;
      sendJson(res, 200, { idle: pending === 0, pending });
    }),
    adminRoute('POST', 'redeliver', async (ctx) => {
      const ids = (await readObject(ctx)).eventIds;
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
        throw badRequest('eventIds must be an array of strings');
      }
      const wanted = new Set<unknown>(ids);
      sendJson(ctx.res, 200, { redelivered: state.events.redeliver((e) => wanted.has(e.eventId)) });
    }),
    ...standardAdminRoutes({
      getChaos: () => state.chaos,
      mergeChaos: (patch) => (state.chaos = mergeSettings(state.chaos, patch, chaosFields)),
      sideEffects: () => state.store.sideEffects,
      counter,
      reset: resetAll,
    }),
  ];
}
