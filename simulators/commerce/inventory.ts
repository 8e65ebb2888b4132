// Bulk inventory levels: the ERP's stock export flows here. Throttled harder than the rest of the
// API (its own token bucket), as storefront platforms do with bulk writes.
import { createHash } from 'node:crypto';
import { HttpError, readJson } from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { answerWrite, throwIfLimited } from '../shared-chaos';
import { isPlainObject } from '../shared-runtime';
import type { CommerceState } from './api';
import { SHOPIFY_REPLIES, apiPath } from './rest';

const MAX_LEVELS = 250;

export interface InventorySideEffect {
  kind: 'inventory.bulk_set';
  count: number;
  /** How many levels actually moved; a resend of the same export changes nothing. */
  changed: number;
  /** sha256 (16 hex) of the sorted "sku:available" pairs: equal hashes mean equal requests. */
  skus_hash: string;
  at: string;
}

interface Level {
  sku: string;
  available: number;
}

function parseLevels(body: unknown): Level[] {
  const levels = isPlainObject(body) ? body.inventory_levels : undefined;
  if (!Array.isArray(levels) || levels.length === 0 || levels.length > MAX_LEVELS) {
    throw new HttpError(422, {
      errors: { inventory_levels: [`must be an array of 1 to ${MAX_LEVELS} levels`] },
    });
  }
  const errors: Record<string, string[]> = {};
  const out: Level[] = [];
  levels.forEach((level: unknown, i) => {
    const sku = isPlainObject(level) ? level.sku : undefined;
    const available = isPlainObject(level) ? level.available : undefined;
    if (typeof sku !== 'string' || sku.trim() === '')
      errors[`inventory_levels[${i}].sku`] = ["can't be blank"];
    if (typeof available !== 'number' || !Number.isInteger(available)) {
      errors[`inventory_levels[${i}].available`] = ['must be an integer'];
    }
    if (typeof sku === 'string' && typeof available === 'number') out.push({ sku, available });
  });
  if (Object.keys(errors).length > 0) throw new HttpError(422, { errors });
  return out;
}

function hashLevels(levels: readonly Level[]): string {
  const lines = levels.map((l) => `${l.sku}:${l.available}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

async function bulkSet(state: CommerceState, ctx: RouteContext): Promise<void> {
  if (state.chaos.bulkSetRateLimit) {
    throwIfLimited(state.bulkSetBucket, state.chaos.bulkSetRateLimit, SHOPIFY_REPLIES);
  }
  const levels = parseLevels(await readJson(ctx.req, { errors: 'Invalid JSON in request body' }));
  let changed = 0;
  for (const level of levels) {
    if (state.inventory.get(level.sku) !== level.available) changed++;
    state.inventory.set(level.sku, level.available);
  }
  state.sideEffects.push({
    kind: 'inventory.bulk_set',
    count: levels.length,
    changed,
    skus_hash: hashLevels(levels),
    at: new Date().toISOString(),
  });
  answerWrite(state.chaos, state.rt, ctx, 200, { updated: levels.length });
}

export function inventoryRoutes(state: CommerceState): Route[] {
  return [
    {
      method: 'POST',
      path: apiPath('/inventory_levels/bulk_set\\.json'),
      name: 'POST inventory_levels/bulk_set.json',
      handle: (ctx) => bulkSet(state, ctx),
    },
  ];
}
