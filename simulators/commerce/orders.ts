// Storefront order data: Shopify-shaped, generated deterministically from a seed so a demo run and a
// failing test can be reproduced byte for byte.
import { CATALOGUE } from '../shared-catalogue';
import { Rng } from '../shared-runtime';

export type FinancialStatus = 'pending' | 'paid' | 'partially_refunded' | 'refunded';

export interface LineItem {
  id: number;
  sku: string;
  title: string;
  quantity: number;
  price: string;
}

export interface Order {
  id: number;
  order_number: number;
  name: string;
  email: string;
  created_at: string;
  updated_at: string;
  financial_status: FinancialStatus;
  fulfillment_status: 'fulfilled' | null;
  currency: 'EUR';
  total_price: string;
  customer: { first_name?: string; last_name?: string; full_name: string };
  shipping_address: {
    name: string;
    address1: string;
    city: string;
    zip: string;
    country_code: string;
  };
  line_items: LineItem[];
}

const FIRST = ['Anna', 'Lars', 'Sofia', 'Mateo', 'Emma', 'Noah', 'Ines', 'Jonas', 'Lea', 'Hugo'];
const LAST = [
  'Jansen',
  'Müller',
  'Rossi',
  'García',
  'Dubois',
  'Novak',
  'Berg',
  'de Vries',
  'Silva',
];
const STREETS = ['Keizersgracht', 'Hauptstraße', 'Via Roma', 'Calle Mayor', 'Rue de la Paix'];
const PLACES: readonly { city: string; zip: string; country: string }[] = [
  { city: 'Amsterdam', zip: '1017 AB', country: 'NL' },
  { city: 'Berlin', zip: '10115', country: 'DE' },
  { city: 'Milano', zip: '20121', country: 'IT' },
  { city: 'Madrid', zip: '28013', country: 'ES' },
  { city: 'Paris', zip: '75002', country: 'FR' },
];

const ORDER_ID_BASE = 820_000_000_000;
const LINE_ID_BASE = 13_100_000_000_000;
const FIRST_ORDER_NUMBER = 1001;

export interface CreateOrderInput {
  /** a returning customer: the same email (and the names given) on every order created with it */
  returning?: { email: string; firstName: string; lastName: string };
  paid: boolean;
  invalidSku: boolean;
}

export interface OrderPage {
  orders: Order[];
  /** Id of the last order returned when more remain, for the next cursor. */
  nextAfterId: number | undefined;
}

export interface OrderFilter {
  updatedMin?: number;
  updatedMax?: number;
  afterId: number;
  limit: number;
}

function asciiSlug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

export class OrderStore {
  private rng: Rng;
  private orders: Order[] = [];
  private readonly byId = new Map<number, Order>();
  private lineSeq = 0;

  /** firstOrderNumber lets a restarted simulator continue where a persisted ledger left off. */
  constructor(
    private readonly seed: number,
    private readonly firstOrderNumber = FIRST_ORDER_NUMBER,
  ) {
    this.rng = new Rng(seed);
  }

  reset(): void {
    this.rng = new Rng(this.seed);
    this.orders = [];
    this.byId.clear();
    this.lineSeq = 0;
  }

  get(id: number): Order | undefined {
    return this.byId.get(id);
  }

  findByNumber(orderNumber: number): Order | undefined {
    return this.byId.get(ORDER_ID_BASE + orderNumber - FIRST_ORDER_NUMBER + 1);
  }

  create(input: CreateOrderInput): Order {
    const rng = this.rng;
    const seq = this.orders.length + 1;
    const first = input.returning?.firstName ?? rng.pick(FIRST);
    const last = input.returning?.lastName ?? rng.pick(LAST);
    const fullName = `${first} ${last}`;
    const place = rng.pick(PLACES);
    const lineCount = rng.int(1, 3);
    const lines: LineItem[] = [];
    let totalCents = 0;
    for (let i = 0; i < lineCount; i++) {
      const product = rng.pick(CATALOGUE);
      const quantity = rng.int(1, 3);
      totalCents += product.cents * quantity;
      this.lineSeq++;
      lines.push({
        id: LINE_ID_BASE + this.lineSeq,
        sku: product.sku,
        title: product.title,
        quantity,
        price: (product.cents / 100).toFixed(2),
      });
    }
    const broken = input.invalidSku ? lines[rng.int(0, lines.length - 1)] : undefined;
    if (broken) broken.sku = '';
    // About one customer in five has only a full name, as guest checkouts do; the CRM flow must split it.
    const onlyFullName = rng.chance(0.2) && !input.returning;
    const now = new Date().toISOString();
    const orderNumber = this.firstOrderNumber + seq - 1;
    const order: Order = {
      id: ORDER_ID_BASE + orderNumber,
      order_number: orderNumber,
      name: `#${orderNumber}`,
      email:
        input.returning?.email ??
        `${asciiSlug(first)}.${asciiSlug(last)}+${orderNumber}@example.com`,
      created_at: now,
      updated_at: now,
      financial_status: input.paid ? 'paid' : 'pending',
      fulfillment_status: null,
      currency: 'EUR',
      total_price: (totalCents / 100).toFixed(2),
      customer: onlyFullName
        ? { full_name: fullName }
        : { first_name: first, last_name: last, full_name: fullName },
      shipping_address: {
        name: fullName,
        address1: `${rng.pick(STREETS)} ${rng.int(1, 240)}`,
        city: place.city,
        zip: place.zip,
        country_code: place.country,
      },
      line_items: lines,
    };
    this.orders.push(order);
    this.byId.set(order.id, order);
    return order;
  }

  touch(order: Order): void {
    order.updated_at = new Date().toISOString();
  }

  /** Orders are kept in id order (ids only grow), so keyset pagination is a scan from afterId. */
  page(filter: OrderFilter): OrderPage {
    const out: Order[] = [];
    // Ids are ORDER_ID_BASE + order number and numbers are consecutive from firstOrderNumber, so
    // the cursor maps straight to an array index (the one after afterId's).
    const start = Math.max(0, filter.afterId - ORDER_ID_BASE - this.firstOrderNumber + 1);
    for (let i = start; i < this.orders.length; i++) {
      const order = this.orders[i];
      if (!order) continue;
      const updated = Date.parse(order.updated_at);
      if (filter.updatedMin !== undefined && updated < filter.updatedMin) continue;
      if (filter.updatedMax !== undefined && updated > filter.updatedMax) continue;
      if (out.length === filter.limit) {
        return { orders: out, nextAfterId: out[out.length - 1]?.id };
      }
      out.push(order);
    }
    return { orders: out, nextAfterId: undefined };
  }
}
