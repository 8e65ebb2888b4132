// Refunds issued in the storefront (by a shop operator, so driven through the admin API) and the
// `refunds/create` webhook they emit.
import { HttpError } from '../shared-http';
import type { CommerceState } from './api';
import type { Order } from './orders';

const REFUND_ID_BASE = 910_000_000_000;

export interface RefundPayload {
  id: number;
  order_id: number;
  order_number: number;
  amount: string;
  currency: string;
  created_at: string;
}

export class RefundLedger {
  private seq = 0;
  private refundedCents = new Map<number, number>();

  refunded(orderId: number): number {
    return this.refundedCents.get(orderId) ?? 0;
  }

  record(orderId: number, cents: number): number {
    this.refundedCents.set(orderId, this.refunded(orderId) + cents);
    return REFUND_ID_BASE + ++this.seq;
  }

  reset(): void {
    this.seq = 0;
    this.refundedCents = new Map();
  }
}

function toCents(amount: unknown): number | undefined {
  if (typeof amount === 'number' && Number.isFinite(amount)) return Math.round(amount * 100);
  if (typeof amount === 'string' && /^\d+(\.\d{1,2})?$/.test(amount)) {
    return Math.round(Number(amount) * 100);
  }
  return undefined;
}

/** Refunds `amount` (default: whatever is left), moves the order's status and emits the webhook. */
export function refundOrder(state: CommerceState, order: Order, amount: unknown): RefundPayload {
  if (order.financial_status !== 'paid' && order.financial_status !== 'partially_refunded') {
    throw new HttpError(409, { error: 'not_refundable', financial_status: order.financial_status });
  }
  const totalCents = Math.round(Number(order.total_price) * 100);
  const left = totalCents - state.refunds.refunded(order.id);
  const cents = amount === undefined ? left : toCents(amount);
  if (cents === undefined || cents <= 0 || cents > left) {
    throw new HttpError(422, {
      error: 'invalid_amount',
      message: `amount must be a decimal between 0.01 and ${(left / 100).toFixed(2)}`,
    });
  }
  const id = state.refunds.record(order.id, cents);
  order.financial_status = cents === left ? 'refunded' : 'partially_refunded';
  state.orders.touch(order);
  const refund: RefundPayload = {
    id,
    order_id: order.id,
    order_number: order.order_number,
    amount: (cents / 100).toFixed(2),
    currency: order.currency,
    created_at: order.updated_at,
  };
  state.webhooks.emit('refunds/create', order.order_number, refund, state.chaos);
  return refund;
}
