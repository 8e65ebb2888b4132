// Payment intents, their charges and refunds, shaped like Stripe's objects (API 2024-06-20).
import type { Rng } from '../shared-runtime';

export type Metadata = Record<string, string>;

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: 'succeeded';
  metadata: Metadata;
  created: number;
  latest_charge: string;
  livemode: false;
}

export interface Refund {
  id: string;
  object: 'refund';
  payment_intent: string;
  charge: string;
  amount: number;
  currency: string;
  status: 'succeeded';
  reason: string | null;
  created: number;
}

export interface Charge {
  id: string;
  object: 'charge';
  payment_intent: string;
  amount: number;
  amount_refunded: number;
  currency: string;
  /** As in Stripe: true only once the whole amount is refunded. */
  refunded: boolean;
  metadata: Metadata;
  created: number;
  livemode: false;
  /** Newest first. Included so a charge.refunded event names the refund that caused it. */
  refunds: { object: 'list'; data: Refund[]; has_more: false; total_count: number };
}

export type PaymentSideEffect =
  | { kind: 'payment_intent.created'; id: string; amount: number; currency: string; at: string }
  | { kind: 'refund.created'; id: string; payment_intent: string; amount: number; at: string };

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const unix = (): number => Math.floor(Date.now() / 1000);

export class PaymentStore {
  /** In creation order; Stripe lists newest first, so listing walks this backwards. */
  intents: PaymentIntent[] = [];
  refunds: Refund[] = [];
  private byId = new Map<string, PaymentIntent | Refund>();
  private charges = new Map<string, Charge>();
  sideEffects: PaymentSideEffect[] = [];

  // Not reset by /_admin/reset: Waybill dedupes by these ids and a test stack keeps its ledger
  // across resets, so ids must never repeat within one process. A fresh start with the same seed
  // repeats them exactly.
  constructor(private readonly idRng: Rng) {}

  newId(prefix: string): string {
    let out = '';
    for (let i = 0; i < 24; i++)
      out += ID_ALPHABET.charAt(this.idRng.int(0, ID_ALPHABET.length - 1));
    return `${prefix}_${out}`;
  }

  intent(id: string): PaymentIntent | undefined {
    const found = this.byId.get(id);
    return found?.object === 'payment_intent' ? found : undefined;
  }

  refund(id: string): Refund | undefined {
    const found = this.byId.get(id);
    return found?.object === 'refund' ? found : undefined;
  }

  chargeOf(intent: PaymentIntent): Charge {
    const charge = this.charges.get(intent.id);
    if (!charge) throw new Error(`payment intent ${intent.id} has no charge`);
    return charge;
  }

  /** Confirmed and captured at once: the storefront's checkout already authorised the card. */
  createIntent(amount: number, currency: string, metadata: Metadata): PaymentIntent {
    const created = unix();
    const chargeId = this.newId('ch');
    const intent: PaymentIntent = {
      id: this.newId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: amount,
      currency,
      status: 'succeeded',
      metadata,
      created,
      latest_charge: chargeId,
      livemode: false,
    };
    const charge: Charge = {
      id: chargeId,
      object: 'charge',
      payment_intent: intent.id,
      amount,
      amount_refunded: 0,
      currency,
      refunded: false,
      metadata,
      created,
      livemode: false,
      refunds: { object: 'list', data: [], has_more: false, total_count: 0 },
    };
    this.intents.push(intent);
    this.byId.set(intent.id, intent);
    this.charges.set(intent.id, charge);
    this.sideEffects.push({
      kind: 'payment_intent.created',
      id: intent.id,
      amount,
      currency,
      at: new Date().toISOString(),
    });
    return intent;
  }

  /** The caller has checked 0 < amount <= what is left to refund. */
  createRefund(intent: PaymentIntent, amount: number, reason: string | null): Refund {
    const charge = this.chargeOf(intent);
    const refund: Refund = {
      id: this.newId('re'),
      object: 'refund',
      payment_intent: intent.id,
      charge: charge.id,
      amount,
      currency: intent.currency,
      status: 'succeeded',
      reason,
      created: unix(),
    };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    charge.refunds.data.unshift(refund);
    charge.refunds.total_count++;
    this.refunds.push(refund);
    this.byId.set(refund.id, refund);
    this.sideEffects.push({
      kind: 'refund.created',
      id: refund.id,
      payment_intent: intent.id,
      amount,
      at: new Date().toISOString(),
    });
    return refund;
  }

  reset(): void {
    this.intents = [];
    this.refunds = [];
    this.byId = new Map();
    this.charges = new Map();
    this.sideEffects = [];
  }
}
