// Request validation of the ERP: every problem with its field path (`lines[0].sku`), as ERPs
// answer, rather than stopping at the first.
import { isPlainObject } from '../shared-runtime';
import type { SalesOrderLine } from './records';

export interface FieldError {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface SalesOrderInput {
  external_ref: string;
  customer_email: string;
  customer_name: string;
  currency: string;
  total: string;
  lines: SalesOrderLine[];
}

export interface PostingInput {
  external_ref: string;
  sales_order_ref: string;
  amount: string;
  currency: string;
  reason: string | null;
}

const MONEY = /^\d{1,12}\.\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MAX_LINES = 200;

class Checker {
  readonly errors: FieldError[] = [];

  constructor(private readonly body: Record<string, unknown>) {}

  string(key: string, max = 200, path = key, from = this.body): string {
    const value = from[key];
    if (
      value === undefined ||
      value === null ||
      (typeof value === 'string' && value.trim() === '')
    ) {
      this.errors.push({ path, message: 'required' });
    } else if (typeof value !== 'string' || value.length > max) {
      this.errors.push({ path, message: `must be a string of at most ${max} characters` });
    }
    return typeof value === 'string' ? value : '';
  }

  money(key: string, path = key, from = this.body): string {
    const value = this.string(key, 16, path, from);
    if (value !== '' && !MONEY.test(value)) {
      this.errors.push({ path, message: 'must be a decimal string with two places, e.g. "12.30"' });
    }
    return value;
  }

  currency(): string {
    const value = this.string('currency', 3);
    if (value !== '' && !CURRENCY.test(value)) {
      this.errors.push({
        path: 'currency',
        message: 'must be an ISO 4217 code in capitals, e.g. "EUR"',
      });
    }
    return value;
  }

  result<T>(value: T): Validated<T> {
    return this.errors.length > 0 ? { ok: false, errors: this.errors } : { ok: true, value };
  }
}

const notObject: Validated<never> = {
  ok: false,
  errors: [{ path: '', message: 'must be an object' }],
};

export function validateSalesOrder(body: unknown): Validated<SalesOrderInput> {
  if (!isPlainObject(body)) return notObject;
  const c = new Checker(body);
  const external_ref = c.string('external_ref', 64);
  const customer_email = c.string('customer_email', 254);
  if (customer_email !== '' && !EMAIL.test(customer_email)) {
    c.errors.push({ path: 'customer_email', message: 'must be an email address' });
  }
  const customer_name = c.string('customer_name');
  const currency = c.currency();
  const total = c.money('total');
  const lines: SalesOrderLine[] = [];
  if (!Array.isArray(body.lines) || body.lines.length === 0 || body.lines.length > MAX_LINES) {
    c.errors.push({ path: 'lines', message: `must be an array of 1 to ${MAX_LINES} lines` });
  } else {
    body.lines.forEach((line: unknown, i) => {
      if (!isPlainObject(line)) {
        c.errors.push({ path: `lines[${i}]`, message: 'must be an object' });
        return;
      }
      const sku = c.string('sku', 64, `lines[${i}].sku`, line);
      const quantity = line.quantity;
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity <= 0) {
        c.errors.push({ path: `lines[${i}].quantity`, message: 'must be an integer > 0' });
      }
      const unit_price = c.money('unit_price', `lines[${i}].unit_price`, line);
      lines.push({ sku, quantity: Number(quantity), unit_price });
    });
  }
  return c.result({ external_ref, customer_email, customer_name, currency, total, lines });
}

/** Payments and credit memos share a shape; `reason` only means something on a credit memo. */
export function validatePosting(body: unknown): Validated<PostingInput> {
  if (!isPlainObject(body)) return notObject;
  const c = new Checker(body);
  const external_ref = c.string('external_ref', 64);
  const sales_order_ref = c.string('sales_order_ref', 64);
  const amount = c.money('amount');
  const currency = c.currency();
  let reason: string | null = null;
  if (body.reason !== undefined && body.reason !== null) reason = c.string('reason', 500);
  return c.result({ external_ref, sales_order_ref, amount, currency, reason });
}
