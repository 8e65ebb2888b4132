// Thin clients for the simulators' admin endpoints.
export async function adminJson<T>(base: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/_admin/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface SimOrder {
  id: number;
  order_number: number;
}

export interface FulfilmentEffect {
  kind: string;
  fulfilmentId: string;
  reference: string;
  idempotencyKey: string;
}

export const createOrders = async (
  commerceUrl: string,
  count: number,
  extra: Record<string, unknown> = {},
) =>
  (await adminJson<{ orders: SimOrder[] }>(commerceUrl, 'orders', { count, paid: true, ...extra }))
    .orders;

export const warehouseEffects = (warehouseUrl: string) =>
  adminJson<FulfilmentEffect[]>(warehouseUrl, 'side-effects');

export const commerceIdle = async (commerceUrl: string) =>
  (await adminJson<{ idle: boolean }>(commerceUrl, 'idle')).idle;

// --- payments, ERP, CRM (and shared admin calls) ---

/** Partial chaos update on any simulator; answers with the merged settings. */
export const setChaos = (simUrl: string, patch: Record<string, unknown>) =>
  adminJson<Record<string, unknown>>(simUrl, 'chaos', patch);

export const resetSim = (simUrl: string) => adminJson<{ reset: boolean }>(simUrl, 'reset', {});

export const simIdle = async (simUrl: string) =>
  (await adminJson<{ idle: boolean }>(simUrl, 'idle')).idle;

export interface PaymentsEffect {
  kind: 'payment_intent.created' | 'refund.created';
  id: string;
  amount: number;
  payment_intent?: string;
}

export interface SimEvent {
  eventId: string;
  topic: string;
  missed: boolean;
  delivered: boolean;
}

export const paymentsEffects = (paymentsUrl: string) =>
  adminJson<PaymentsEffect[]>(paymentsUrl, 'side-effects');

export const paymentsEvents = (paymentsUrl: string) =>
  adminJson<(SimEvent & { paymentIntent: string })[]>(paymentsUrl, 'events');

/** Points the payments simulator's webhooks at a receiver (null stops delivery). */
export const setPaymentsWebhook = (paymentsUrl: string, url: string | null, secret?: string) =>
  adminJson<{ url: string | null }>(paymentsUrl, 'webhook', { url, secret });

export interface ErpEffect {
  kind: 'sales_order.created' | 'payment.posted' | 'credit_memo.issued';
  id: string;
  external_ref: string;
  /** when the ERP recorded it (ISO 8601, milliseconds) */
  at: string;
}

export const erpEffects = (erpUrl: string) => adminJson<ErpEffect[]>(erpUrl, 'side-effects');

/** Drift injection: edits an ERP record behind Waybill's back. */
export const editErpRecord = (
  erpUrl: string,
  id: string,
  patch: { status?: string; total?: string; amount?: string },
) => adminJson<Record<string, unknown>>(erpUrl, `records/${encodeURIComponent(id)}`, patch);

export const pinErpInventory = (erpUrl: string, items: { sku: string; on_hand: number }[]) =>
  adminJson<{ pinned: number }>(erpUrl, 'inventory', { items });

export interface CrmEffect {
  kind: 'contact.created' | 'contact.updated';
  id: string;
  email: string;
  external_ref: string | null;
}

export const crmEffects = (crmUrl: string) => adminJson<CrmEffect[]>(crmUrl, 'side-effects');

export const commerceEffects = (commerceUrl: string) =>
  adminJson<{ kind: string }[]>(commerceUrl, 'side-effects');

/** Refunds a storefront order (default: what is left), which emits `refunds/create`. */
export const refundOrder = (commerceUrl: string, orderId: number, amount?: string) =>
  adminJson<{ refund: { id: number; amount: string } }>(
    commerceUrl,
    `orders/${orderId}/refund`,
    amount === undefined ? {} : { amount },
  );

// --- request logs (every simulator): what arrived, when ---

export interface LoggedRequest {
  seq: number;
  /** arrival, ms since the epoch (sub-millisecond precision) */
  receivedAtMs: number;
  /** e.g. "POST /v1/fulfilments" */
  route: string;
  status: number | null;
}

/** The simulator's whole request log, page by page; throws if it no longer holds all of it. */
export async function requestLog(simUrl: string): Promise<LoggedRequest[]> {
  const all: LoggedRequest[] = [];
  for (;;) {
    const after = all.at(-1)?.seq ?? 0;
    const page = await adminJson<{ requests: LoggedRequest[]; dropped: number }>(
      simUrl,
      `request-log?after=${after}&limit=10000`,
    );
    if (page.dropped > 0)
      throw new Error(`${simUrl}: its request log dropped ${page.dropped} requests`);
    if (page.requests.length === 0) return all;
    all.push(...page.requests);
  }
}

/**
 * The most requests any window of `spanMs` holds ([t, t + spanMs), sliding over every request):
 * a provider limiting to N a second sees at most N in each.
 */
export function busiestWindow(times: readonly number[], spanMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (j < sorted.length && (sorted[j] ?? 0) < (sorted[i] ?? 0) + spanMs) j += 1;
    most = Math.max(most, j - i);
  }
  return most;
}
