// Fulfilment records, request validation and the Idempotency-Key store of the warehouse (WMS).
import { createHash } from 'node:crypto';
import { isPlainObject } from '../shared-runtime';

export type FulfilmentStatus =
  'CREATED' | 'QUEUED' | 'PROCESSING' | 'SENT' | 'ACKNOWLEDGED' | 'COMPLETE' | 'ERROR';

export interface FulfilmentLine {
  sku: string;
  quantity: number;
}

export interface ShipTo {
  name: string;
  address1: string;
  city: string;
  postal_code: string;
  country: string;
}

export interface Fulfilment {
  id: string;
  reference: string;
  order_number: string | null;
  status: FulfilmentStatus;
  tracking_number: string | null;
  carrier: string | null;
  error_reason: string | null;
  created_at: string;
  updated_at: string;
  lines: FulfilmentLine[];
  ship_to: ShipTo;
}

export interface FulfilmentInput {
  reference: string;
  order_number: string | null;
  lines: FulfilmentLine[];
  ship_to: ShipTo;
}

export interface FieldError {
  path: string;
  message: string;
}

export interface CreatedSideEffect {
  kind: 'fulfilment.created';
  fulfilmentId: string;
  reference: string;
  idempotencyKey: string;
  at: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
  fingerprint: string;
}

const SKU = /^[A-Z0-9-]{3,32}$/;
const COUNTRY = /^[A-Z]{2}$/;
const SHIP_TO_FIELDS = ['name', 'address1', 'city', 'postal_code'] as const;

function nonEmptyString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max;
}

/** Collects every problem with its field path, as real WMS APIs do, rather than stopping at the first. */
export function validateFulfilment(
  body: unknown,
): { ok: true; value: FulfilmentInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isPlainObject(body))
    return { ok: false, errors: [{ path: '', message: 'must be an object' }] };
  const { reference, order_number: orderNumber, lines, ship_to: shipTo } = body;
  if (!nonEmptyString(reference, 100)) {
    errors.push({
      path: 'reference',
      message: 'must be a non-empty string of at most 100 characters',
    });
  }
  if (orderNumber !== undefined && orderNumber !== null && !nonEmptyString(orderNumber, 64)) {
    errors.push({ path: 'order_number', message: 'must be a non-empty string when present' });
  }
  const cleanLines: FulfilmentLine[] = [];
  if (!Array.isArray(lines) || lines.length === 0) {
    errors.push({ path: 'lines', message: 'must be a non-empty array' });
  } else {
    lines.forEach((line: unknown, i) => {
      if (!isPlainObject(line)) {
        errors.push({ path: `lines[${i}]`, message: 'must be an object' });
        return;
      }
      if (typeof line.sku !== 'string' || !SKU.test(line.sku)) {
        errors.push({ path: `lines[${i}].sku`, message: 'must match ^[A-Z0-9-]{3,32}$' });
      }
      const q = line.quantity;
      if (typeof q !== 'number' || !Number.isInteger(q) || q <= 0) {
        errors.push({ path: `lines[${i}].quantity`, message: 'must be a positive integer' });
      }
      if (typeof line.sku === 'string' && typeof q === 'number')
        cleanLines.push({ sku: line.sku, quantity: q });
    });
  }
  if (!isPlainObject(shipTo)) {
    errors.push({ path: 'ship_to', message: 'must be an object' });
  } else {
    for (const field of SHIP_TO_FIELDS) {
      if (!nonEmptyString(shipTo[field], 200)) {
        errors.push({ path: `ship_to.${field}`, message: 'must be a non-empty string' });
      }
    }
    if (typeof shipTo.country !== 'string' || !COUNTRY.test(shipTo.country)) {
      errors.push({
        path: 'ship_to.country',
        message: 'must be an ISO 3166-1 alpha-2 code, e.g. "NL"',
      });
    }
  }
  if (errors.length > 0 || !isPlainObject(shipTo)) return { ok: false, errors };
  return {
    ok: true,
    value: {
      reference: reference as string,
      order_number: typeof orderNumber === 'string' ? orderNumber : null,
      lines: cleanLines,
      ship_to: {
        name: shipTo.name as string,
        address1: shipTo.address1 as string,
        city: shipTo.city as string,
        postal_code: shipTo.postal_code as string,
        country: shipTo.country as string,
      },
    },
  };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical(value[k])]),
  );
}

/** Key order and whitespace do not make a body "different"; values do. */
export function fingerprint(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

/** Ids grow past six digits in long benchmarks, so order them numerically, not as strings. */
function idNumber(id: string): number {
  return Number(id.slice(4));
}

export interface ListFilter {
  reference?: string;
  since?: number;
  until?: number;
  after?: { u: number; id: string };
  limit: number;
}

export class FulfilmentStore {
  private seq = 0;
  readonly byId = new Map<string, Fulfilment>();
  private readonly byReference = new Map<string, Fulfilment>();
  readonly idempotency = new Map<string, StoredResponse>();
  sideEffects: CreatedSideEffect[] = [];

  reset(): void {
    this.seq = 0;
    this.byId.clear();
    this.byReference.clear();
    this.idempotency.clear();
    this.sideEffects = [];
  }

  findByReference(reference: string): Fulfilment | undefined {
    return this.byReference.get(reference);
  }

  create(input: FulfilmentInput, idempotencyKey: string): Fulfilment {
    this.seq++;
    const now = new Date().toISOString();
    const fulfilment: Fulfilment = {
      id: `FUL-${String(this.seq).padStart(6, '0')}`,
      reference: input.reference,
      order_number: input.order_number,
      status: 'CREATED',
      tracking_number: null,
      carrier: null,
      error_reason: null,
      created_at: now,
      updated_at: now,
      lines: input.lines,
      ship_to: input.ship_to,
    };
    this.byId.set(fulfilment.id, fulfilment);
    this.byReference.set(fulfilment.reference, fulfilment);
    this.sideEffects.push({
      kind: 'fulfilment.created',
      fulfilmentId: fulfilment.id,
      reference: fulfilment.reference,
      idempotencyKey,
      at: now,
    });
    return fulfilment;
  }

  /**
   * Keyset pagination over (updated_at, id). A record updated while a client pages may show up
   * again on a later page, never silently vanish: at-least-once, like real time-window APIs.
   * updated_since is inclusive and updated_until exclusive, so adjacent windows never overlap.
   */
  list(filter: ListFilter): { data: Fulfilment[]; next: { u: number; id: string } | null } {
    const rows: { f: Fulfilment; u: number }[] = [];
    for (const f of this.byId.values()) {
      if (filter.reference !== undefined && f.reference !== filter.reference) continue;
      const u = Date.parse(f.updated_at);
      if (filter.since !== undefined && u < filter.since) continue;
      if (filter.until !== undefined && u >= filter.until) continue;
      const after = filter.after;
      if (after && (u < after.u || (u === after.u && idNumber(f.id) <= idNumber(after.id))))
        continue;
      rows.push({ f, u });
    }
    rows.sort((a, b) => a.u - b.u || idNumber(a.f.id) - idNumber(b.f.id));
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    const next = rows.length > filter.limit && last ? { u: last.u, id: last.f.id } : null;
    return { data: page.map((r) => r.f), next };
  }
}
