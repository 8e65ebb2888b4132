// Dockyard's shipment orders: request validation with field paths, the record store, its side-effect
// log and the keyset-paged listing. Nothing is unique by reference: whether a repeat creates a
// second record is decided by the idempotency header (api.ts), never by the store.
import { isPlainObject } from '../shared-runtime';

export type ShipmentState =
  'booked' | 'picking' | 'in_transit' | 'delivered' | 'on_hold' | 'refused';

export const STATES: readonly ShipmentState[] = [
  'booked',
  'picking',
  'in_transit',
  'delivered',
  'on_hold',
  'refused',
];

export interface ShipmentLine {
  sku: string;
  quantity: number;
}

export interface Money {
  amount: string;
  currency: string;
}

export interface ShipmentOrderInput {
  reference: string;
  recipient: { name: string; email: string | null };
  lines: ShipmentLine[];
  total: Money | null;
  notes: string | null;
}

export interface ShipmentOrder extends ShipmentOrderInput {
  /** null only in a dry-run answer. */
  id: string | null;
  state: ShipmentState;
  created_at: string;
  updated_at: string;
}

export interface StoredOrder extends ShipmentOrder {
  id: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface CreatedEntry {
  kind: 'shipment_order.created';
  id: string;
  reference: string;
  /** The Dock-Request-Id sent with the create, honoured or not (null: none sent). */
  requestId: string | null;
  at: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;
const CURRENCY = /^[A-Za-z]{3}$/;

type Validated = { ok: true; value: ShipmentOrderInput } | { ok: false; errors: FieldError[] };

/** Collects every problem in field order, so one 422 tells the mapping author everything. */
export function validateOrder(body: unknown): Validated {
  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ field: '', message: 'must be a JSON object' }] };
  }
  const errors: FieldError[] = [];
  const fail = (field: string, message: string): void => void errors.push({ field, message });
  const text = (value: unknown, field: string, max: number, required: boolean): string | null => {
    if (value === undefined || value === null) {
      if (required) fail(field, 'is required');
      return null;
    }
    if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
      fail(field, `must be a non-empty string of at most ${max} characters`);
      return null;
    }
    return value;
  };

  const reference = text(body.reference, 'reference', 100, true);
  let recipient: ShipmentOrderInput['recipient'] | null = null;
  if (!isPlainObject(body.recipient)) {
    fail('recipient', 'is required and must be an object');
  } else {
    const name = text(body.recipient.name, 'recipient.name', 200, true);
    const email = text(body.recipient.email, 'recipient.email', 254, false);
    if (email !== null && !EMAIL.test(email)) fail('recipient.email', 'must be an email address');
    if (name !== null) recipient = { name, email };
  }
  const lines = validateLines(body.lines, fail);
  const total = validateTotal(body.total, fail);
  const notes = text(body.notes, 'notes', 1000, false);

  if (errors.length > 0 || reference === null || recipient === null) return { ok: false, errors };
  return { ok: true, value: { reference, recipient, lines, total, notes } };
}

function validateLines(value: unknown, fail: (f: string, m: string) => void): ShipmentLine[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 500) {
    fail('lines', 'must be an array of 1 to 500 lines');
    return [];
  }
  const lines: ShipmentLine[] = [];
  value.forEach((line: unknown, i) => {
    if (!isPlainObject(line)) return fail(`lines[${i}]`, 'must be an object');
    const { sku, quantity } = line;
    const skuOk = typeof sku === 'string' && sku.trim() !== '' && sku.length <= 64;
    if (!skuOk) fail(`lines[${i}].sku`, 'must be a non-empty string of at most 64 characters');
    const qtyOk = typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 1;
    if (!qtyOk) fail(`lines[${i}].quantity`, 'must be an integer >= 1');
    if (skuOk && qtyOk) lines.push({ sku, quantity });
  });
  return lines;
}

function validateTotal(value: unknown, fail: (f: string, m: string) => void): Money | null {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value)) {
    fail('total', 'must be an object { amount, currency }');
    return null;
  }
  const { amount, currency } = value;
  const amountOk = typeof amount === 'string' && DECIMAL.test(amount);
  if (!amountOk) fail('total.amount', 'must be a decimal string, e.g. "129.95"');
  const currencyOk = typeof currency === 'string' && CURRENCY.test(currency);
  if (!currencyOk) fail('total.currency', 'must be a 3-letter currency code, e.g. "EUR"');
  // Any case is accepted and stored upper-case, as the 3PL's own UI shows it.
  return amountOk && currencyOk ? { amount, currency: currency.toUpperCase() } : null;
}

/** The record a create would make, with id null: what a dry run answers. */
export function draftOrder(input: ShipmentOrderInput, now: string): ShipmentOrder {
  return { id: null, ...input, state: 'booked', created_at: now, updated_at: now };
}

export interface WindowFilter {
  reference?: string;
  from?: number;
  to?: number;
  after?: { u: number; n: number };
  limit: number;
}

/** Ids grow past six digits in long runs, so they are compared as numbers, not strings. */
export const seqOf = (id: string): number => Number(id.slice(3));

export class OrderStore {
  private seq = 0;
  readonly byId = new Map<string, StoredOrder>();
  log: CreatedEntry[] = [];

  create(input: ShipmentOrderInput, requestId: string | null): StoredOrder {
    const now = new Date().toISOString();
    const order: StoredOrder = {
      ...draftOrder(structuredClone(input), now),
      id: `DY-${String(++this.seq).padStart(6, '0')}`,
    };
    this.byId.set(order.id, order);
    this.log.push({
      kind: 'shipment_order.created',
      id: order.id,
      reference: order.reference,
      requestId,
      at: now,
    });
    return order;
  }

  all(): StoredOrder[] {
    return [...this.byId.values()];
  }

  /**
   * Keyset pages over (updated_at, id): updated_from inclusive, updated_to exclusive, so adjacent
   * windows never overlap. A record updated while a client pages may show up again on a later
   * page but never vanishes (at least once, like real time-window APIs).
   */
  list(filter: WindowFilter): { data: StoredOrder[]; next: { u: number; n: number } | null } {
    const rows = this.all()
      .map((order) => ({ order, u: Date.parse(order.updated_at), n: seqOf(order.id) }))
      .filter(({ order, u, n }) => {
        if (filter.reference !== undefined && order.reference !== filter.reference) return false;
        if (filter.from !== undefined && u < filter.from) return false;
        if (filter.to !== undefined && u >= filter.to) return false;
        const after = filter.after;
        return !after || u > after.u || (u === after.u && n > after.n);
      })
      .sort((a, b) => a.u - b.u || a.n - b.n);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    const next = rows.length > filter.limit && last ? { u: last.u, n: last.n } : null;
    return { data: page.map((r) => r.order), next };
  }

  reset(): void {
    this.seq = 0;
    this.byId.clear();
    this.log = [];
  }
}
