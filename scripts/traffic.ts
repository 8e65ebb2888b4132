// Demo traffic: keeps paid orders flowing through the commerce simulator (which signs and sends
// the webhooks), pays each at the payments simulator, refunds a few, and gives the providers a
// little weather, so some transactions retry and a few need review. Stops on SIGINT/SIGTERM, or
// after TRAFFIC_MAX_ORDERS orders when set.
import { loadDotEnv } from '../lib/env';

loadDotEnv();
const commerce = process.env.COMMERCE_SIM_URL ?? 'http://127.0.0.1:4101';
const warehouse = process.env.WAREHOUSE_SIM_URL ?? 'http://127.0.0.1:4102';
const payments = process.env.PAYMENTS_SIM_URL ?? 'http://127.0.0.1:4103';
const erp = process.env.ERP_SIM_URL ?? 'http://127.0.0.1:4104';
const paymentsKey = process.env.PAYMENTS_API_KEY ?? 'sk_test_dev_payments';
const refundRate = Number(process.env.TRAFFIC_REFUND_RATE ?? 0.03);
const perSecond = Number(process.env.TRAFFIC_ORDERS_PER_SECOND ?? 2);
const invalidRate = Number(process.env.TRAFFIC_INVALID_RATE ?? 0.05);
const maxOrders = Number(process.env.TRAFFIC_MAX_ORDERS ?? Infinity);

async function post<T = unknown>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Order {
  id: number;
  order_number: number;
  total_price: string;
}

let sent = 0;
let stopping = false;
const stop = () => {
  stopping = true;
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

await post(`${warehouse}/_admin/chaos`, { latencyMs: { min: 20, max: 250 }, errorRate: 0.04 });
await post(`${erp}/_admin/chaos`, { latencyMs: { min: 30, max: 400 }, errorRate: 0.02 });
const recent: Order[] = [];
console.log(
  `traffic: ${perSecond} paid orders/s into ${commerce}; ~${Math.round(invalidRate * 100)}% with a bad SKU, warehouse 4% 5xx`,
);
while (!stopping && sent < maxOrders) {
  const started = Date.now();
  try {
    const { orders } = await post<{ orders: Order[] }>(`${commerce}/_admin/orders`, {
      count: 1,
      paid: true,
      invalidSku: Math.random() < invalidRate,
    });
    for (const order of orders) {
      await post(
        `${payments}/v1/payment_intents`,
        {
          amount: Math.round(Number(order.total_price) * 100),
          currency: 'eur',
          metadata: { order_id: String(order.id), order_number: String(order.order_number) },
        },
        { authorization: `Bearer ${paymentsKey}` },
      );
      recent.push(order);
    }
    if (recent.length > 20 && Math.random() < refundRate) {
      const [refunded] = recent.splice(Math.floor(Math.random() * 10), 1);
      if (refunded)
        await post(`${commerce}/_admin/orders/${refunded.id}/refund`, { amount: '5.00' });
    }
    if (recent.length > 200) recent.splice(0, 100);
    sent += 1;
    if (sent % 50 === 0) console.log(`traffic: ${sent} orders sent`);
  } catch (error) {
    console.warn(`traffic: ${error instanceof Error ? error.message : String(error)}`);
  }
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, 1000 / perSecond - (Date.now() - started))),
  );
}
console.log(`traffic: stopped after ${sent} orders`);
