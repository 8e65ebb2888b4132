// Admin endpoints of the ERP: chaos, side effects, drift injection (edit a record behind Waybill's
// back, for reconciliation) and pinned inventory. Never behind auth or chaos.
import { HttpError, sendJson } from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { commonChaosFields, defaultCommonChaos, mergeSettings } from '../shared-chaos';
import type { CommonChaos } from '../shared-chaos';
import { isPlainObject } from '../shared-runtime';
import { adminRoute, badRequest, readObject, standardAdminRoutes } from '../shared-server';
import type { RequestCounter } from '../shared-server';
import type { ErpState } from './api';
import { validateSalesOrder } from './validate';

const MONEY = /^\d{1,12}\.\d{2}$/;
/** Sales orders per seed call: about 500 KB of JSON, inside the admin body limit. */
const MAX_SEEDED_SALES_ORDERS_PER_CALL = 2000;

/** ERPs throttle integrations hard: the strict limit is on unless a test lifts it. */
export function defaultChaos(): CommonChaos {
  return { ...defaultCommonChaos(), rateLimit: { perSecond: 50, burst: 50 } };
}

async function editRecord(state: ErpState, ctx: RouteContext): Promise<void> {
  const record = state.store.find(ctx.params[0] ?? '');
  if (!record) throw new HttpError(404, { error: 'not_found' });
  const patch = await readObject(ctx);
  // The money field a record has: total on sales orders, amount on payments and credit memos.
  const moneyField = 'total' in record ? 'total' : 'amount';
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'status') {
      if (typeof value !== 'string' || value.trim() === '') {
        throw badRequest('status must be a non-empty string');
      }
    } else if (key === moneyField) {
      if (typeof value !== 'string' || !MONEY.test(value)) {
        throw badRequest(`${key} must be a decimal string with two places`);
      }
    } else {
      throw badRequest(`${key} cannot be edited on ${record.id} (status, ${moneyField})`);
    }
  }
  Object.assign(record, patch, { updated_at: new Date().toISOString() });
  sendJson(ctx.res, 200, record);
}

/**
 * Sales orders that already exist (the bench's reconciliation window): the same bodies and
 * validation as POST /api/v1/sales-orders, status OPEN, ids in request order, no side effects.
 * All or nothing: one invalid body refuses the whole call.
 */
async function seedSalesOrders(state: ErpState, ctx: RouteContext): Promise<void> {
  const bodies = (await readObject(ctx)).salesOrders;
  if (
    !Array.isArray(bodies) ||
    bodies.length === 0 ||
    bodies.length > MAX_SEEDED_SALES_ORDERS_PER_CALL
  ) {
    throw badRequest(`salesOrders must be an array of 1 to ${MAX_SEEDED_SALES_ORDERS_PER_CALL}`);
  }
  const inputs = bodies.map((body: unknown, i) => {
    const input = validateSalesOrder(body);
    if (!input.ok) throw badRequest(`salesOrders[${i}]: ${input.errors[0]?.path ?? ''} invalid`);
    return input.value;
  });
  const ids = inputs.map(
    (input) =>
      state.store.salesOrders.add((id, now) => ({
        id,
        ...input,
        status: 'OPEN',
        created_at: now,
        updated_at: now,
      })).id,
  );
  sendJson(ctx.res, 201, { seeded: ids.length, firstId: ids[0], lastId: ids.at(-1) });
}

async function pinInventory(state: ErpState, ctx: RouteContext): Promise<void> {
  const items = (await readObject(ctx)).items;
  const valid =
    Array.isArray(items) &&
    items.every(
      (i) =>
        isPlainObject(i) &&
        typeof i.sku === 'string' &&
        i.sku !== '' &&
        Number.isInteger(i.on_hand) &&
        (i.on_hand as number) >= 0,
    );
  if (!valid) throw badRequest('items must be an array of { sku, on_hand: integer >= 0 }');
  for (const item of items as { sku: string; on_hand: number }[]) {
    state.inventory.set(item.sku, item.on_hand);
  }
  sendJson(ctx.res, 200, { pinned: items.length });
}

export function adminRoutes(
  state: ErpState,
  counter: RequestCounter,
  resetAll: () => void,
): Route[] {
  return [
    adminRoute('POST', 'records/([^/]+)', (ctx) => editRecord(state, ctx)),
    adminRoute('POST', 'inventory', (ctx) => pinInventory(state, ctx)),
    adminRoute('POST', 'seed-sales-orders', (ctx) => seedSalesOrders(state, ctx)),
    ...standardAdminRoutes({
      getChaos: () => state.chaos,
      mergeChaos: (patch) => (state.chaos = mergeSettings(state.chaos, patch, commonChaosFields)),
      sideEffects: () => state.store.sideEffects,
      counter,
      reset: resetAll,
    }),
  ];
}
