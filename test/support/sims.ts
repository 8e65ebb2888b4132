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
