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
