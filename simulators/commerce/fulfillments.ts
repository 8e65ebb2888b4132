// Order fulfillments, keyed by the warehouse's fulfilment id (`reference`): a repeated POST updates
// tracking/status in place, and an identical repeat changes nothing and is not a side effect.
import { HttpError, readJson, sendJson } from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { answerWrite } from '../shared-chaos';
import { isPlainObject } from '../shared-runtime';
import type { CommerceState } from './api';
import { apiPath } from './rest';

const STATUSES = ['pending', 'open', 'success', 'cancelled', 'error', 'failure'] as const;
type FulfillmentStatus = (typeof STATUSES)[number];
const FULFILLMENT_ID_BASE = 5_200_000_000_000;

export interface Fulfillment {
  id: number;
  order_id: number;
  reference: string | null;
  status: FulfillmentStatus;
  tracking_number: string | null;
  tracking_company: string | null;
  created_at: string;
  updated_at: string;
}

export interface FulfillmentSideEffect {
  kind: 'fulfillment.updated';
  change: 'created' | 'updated';
  orderId: number;
  fulfillmentId: number;
  reference: string | null;
  trackingNumber: string | null;
  trackingCompany: string | null;
  status: FulfillmentStatus;
  at: string;
}

interface FulfillmentInput {
  reference: string | null;
  tracking_number?: string | null;
  tracking_company?: string | null;
  status?: FulfillmentStatus;
}

export class FulfillmentStore {
  private seq = 0;
  private byOrder = new Map<number, Fulfillment[]>();

  list(orderId: number): Fulfillment[] {
    return this.byOrder.get(orderId) ?? [];
  }

  /** With a reference the reference is the key; without one (older callers) the tracking number. */
  find(orderId: number, input: FulfillmentInput): Fulfillment | undefined {
    return this.list(orderId).find((f) =>
      input.reference !== null
        ? f.reference === input.reference
        : f.reference === null && f.tracking_number === input.tracking_number,
    );
  }

  create(orderId: number, input: FulfillmentInput): Fulfillment {
    const now = new Date().toISOString();
    const f: Fulfillment = {
      id: FULFILLMENT_ID_BASE + ++this.seq,
      order_id: orderId,
      reference: input.reference,
      status: input.status ?? 'success',
      tracking_number: input.tracking_number ?? null,
      tracking_company: input.tracking_company ?? null,
      created_at: now,
      updated_at: now,
    };
    this.byOrder.set(orderId, [...this.list(orderId), f]);
    return f;
  }

  reset(): void {
    this.seq = 0;
    this.byOrder = new Map();
  }
}

function optionalString(input: Record<string, unknown>, key: string): string | null | undefined {
  const value = input[key];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string')
    throw new HttpError(422, { errors: { [key]: ['must be a string'] } });
  return value.trim() === '' ? null : value;
}

function parseInput(body: unknown): FulfillmentInput {
  const input = isPlainObject(body) ? body.fulfillment : undefined;
  if (!isPlainObject(input))
    throw new HttpError(400, {
      errors: { fulfillment: ['Required parameter missing or invalid'] },
    });
  const reference = optionalString(input, 'reference') ?? null;
  const tracking = optionalString(input, 'tracking_number');
  const company = optionalString(input, 'tracking_company');
  const status = input.status;
  if (status !== undefined && !STATUSES.includes(status as FulfillmentStatus)) {
    throw new HttpError(422, { errors: { status: [`must be one of ${STATUSES.join(', ')}`] } });
  }
  if (reference === null && !tracking) {
    throw new HttpError(422, { errors: { tracking_number: ["can't be blank"] } });
  }
  return {
    reference,
    ...(tracking !== undefined && { tracking_number: tracking }),
    ...(company !== undefined && { tracking_company: company }),
    ...(status !== undefined && { status: status as FulfillmentStatus }),
  };
}

/** Applies the fields the caller sent; omitted ones keep their value. Returns whether any changed. */
function update(f: Fulfillment, input: FulfillmentInput): boolean {
  const pick = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
  const next = {
    tracking_number: pick(input.tracking_number, f.tracking_number),
    tracking_company: pick(input.tracking_company, f.tracking_company),
    status: pick(input.status, f.status),
  };
  const changed =
    next.tracking_number !== f.tracking_number ||
    next.tracking_company !== f.tracking_company ||
    next.status !== f.status;
  if (changed) Object.assign(f, next, { updated_at: new Date().toISOString() });
  return changed;
}

async function upsertFulfillment(state: CommerceState, ctx: RouteContext): Promise<void> {
  const order = state.orders.get(Number(ctx.params[0]));
  if (!order) throw new HttpError(404, { errors: 'Not Found' });
  const input = parseInput(await readJson(ctx.req, { errors: 'Invalid JSON in request body' }));
  const existing = state.fulfillments.find(order.id, input);
  // The legacy key (tracking number) has nothing else to update: a repeat is a plain replay.
  const changed = existing ? input.reference !== null && update(existing, input) : true;
  const f = existing ?? state.fulfillments.create(order.id, input);
  if (changed) {
    state.sideEffects.push({
      kind: 'fulfillment.updated',
      change: existing ? 'updated' : 'created',
      orderId: order.id,
      fulfillmentId: f.id,
      reference: f.reference,
      trackingNumber: f.tracking_number,
      trackingCompany: f.tracking_company,
      status: f.status,
      at: f.updated_at,
    });
    order.fulfillment_status = 'fulfilled';
    state.orders.touch(order);
  }
  answerWrite(state.chaos, state.rt, ctx, existing ? 200 : 201, { fulfillment: f });
}

export function fulfillmentRoutes(state: CommerceState): Route[] {
  return [
    {
      method: 'POST',
      path: apiPath('/orders/(\\d+)/fulfillments\\.json'),
      name: 'POST orders/:id/fulfillments.json',
      handle: (ctx) => upsertFulfillment(state, ctx),
    },
    {
      method: 'GET',
      path: apiPath('/orders/(\\d+)/fulfillments\\.json'),
      name: 'GET orders/:id/fulfillments.json',
      handle: ({ res, params }) => {
        const order = state.orders.get(Number(params[0]));
        if (!order) throw new HttpError(404, { errors: 'Not Found' });
        sendJson(res, 200, { fulfillments: state.fulfillments.list(order.id) });
      },
    },
  ];
}
