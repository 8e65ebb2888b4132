// ERP records: sales orders, payments and credit memos. Nothing here is unique by external_ref —
// the ERP takes no idempotency keys, so a repeated create really makes a second record, and
// lookups by external_ref return every match.

export interface SalesOrderLine {
  sku: string;
  quantity: number;
  unit_price: string;
}

interface RecordBase {
  id: string;
  external_ref: string;
  status: string;
  currency: string;
  created_at: string;
  updated_at: string;
}

export interface SalesOrder extends RecordBase {
  customer_email: string;
  customer_name: string;
  total: string;
  lines: SalesOrderLine[];
}

export interface Payment extends RecordBase {
  sales_order_ref: string;
  sales_order_id: string;
  amount: string;
}

export interface CreditMemo extends Payment {
  reason: string | null;
}

export type ErpSideEffectKind = 'sales_order.created' | 'payment.posted' | 'credit_memo.issued';

export interface ErpSideEffect {
  kind: ErpSideEffectKind;
  id: string;
  external_ref: string;
  at: string;
}

export interface WindowFilter {
  from?: number;
  to?: number;
  after?: { u: number; n: number };
  limit: number;
}

const seqOf = (id: string): number => Number(id.slice(id.lastIndexOf('-') + 1));

export class Collection<T extends RecordBase> {
  private seq = 0;
  private readonly byId = new Map<string, T>();
  private readonly byRef = new Map<string, T[]>();

  constructor(readonly prefix: string) {}

  add(make: (id: string, now: string) => T): T {
    const id = `${this.prefix}-${String(++this.seq).padStart(6, '0')}`;
    const record = make(id, new Date().toISOString());
    this.byId.set(id, record);
    this.byRef.set(record.external_ref, [...this.findByRef(record.external_ref), record]);
    return record;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  findByRef(ref: string): T[] {
    return this.byRef.get(ref) ?? [];
  }

  /**
   * Keyset pagination over (updated_at, id): updated_from inclusive, updated_to exclusive, so
   * adjacent windows never overlap; a record edited while a client pages may appear twice, never
   * vanish.
   */
  list(filter: WindowFilter): { data: T[]; next: { u: number; n: number } | null } {
    const rows: { r: T; u: number; n: number }[] = [];
    for (const r of this.byId.values()) {
      const u = Date.parse(r.updated_at);
      const n = seqOf(r.id);
      if (filter.from !== undefined && u < filter.from) continue;
      if (filter.to !== undefined && u >= filter.to) continue;
      const a = filter.after;
      if (a && (u < a.u || (u === a.u && n <= a.n))) continue;
      rows.push({ r, u, n });
    }
    rows.sort((x, y) => x.u - y.u || x.n - y.n);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    const next = rows.length > filter.limit && last ? { u: last.u, n: last.n } : null;
    return { data: page.map((row) => row.r), next };
  }

  reset(): void {
    this.seq = 0;
    this.byId.clear();
    this.byRef.clear();
  }
}

export class ErpStore {
  readonly salesOrders = new Collection<SalesOrder>('SO');
  readonly payments = new Collection<Payment>('PAY');
  readonly creditMemos = new Collection<CreditMemo>('CM');
  sideEffects: ErpSideEffect[] = [];

  record(kind: ErpSideEffectKind, r: RecordBase): void {
    this.sideEffects.push({ kind, id: r.id, external_ref: r.external_ref, at: r.created_at });
  }

  /** The first sales order with that external_ref: a duplicate does not hide the original. */
  salesOrderByRef(ref: string): SalesOrder | undefined {
    return this.salesOrders.findByRef(ref)[0];
  }

  find(id: string): SalesOrder | Payment | CreditMemo | undefined {
    return this.salesOrders.get(id) ?? this.payments.get(id) ?? this.creditMemos.get(id);
  }

  reset(): void {
    this.salesOrders.reset();
    this.payments.reset();
    this.creditMemos.reset();
    this.sideEffects = [];
  }
}
