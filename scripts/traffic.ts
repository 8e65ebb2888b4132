// Demo traffic: keeps paid orders flowing through the commerce simulator (which signs and sends
// the webhooks) and gives the warehouse a little weather, so some transactions retry and a few
// need review. Stops on SIGINT/SIGTERM, or after TRAFFIC_MAX_ORDERS orders when set.
import { loadDotEnv } from '../lib/env';

loadDotEnv();
const commerce = process.env.COMMERCE_SIM_URL ?? 'http://127.0.0.1:4101';
const warehouse = process.env.WAREHOUSE_SIM_URL ?? 'http://127.0.0.1:4102';
const perSecond = Number(process.env.TRAFFIC_ORDERS_PER_SECOND ?? 2);
const invalidRate = Number(process.env.TRAFFIC_INVALID_RATE ?? 0.05);
const maxOrders = Number(process.env.TRAFFIC_MAX_ORDERS ?? Infinity);

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
}

let sent = 0;
let stopping = false;
const stop = () => {
  stopping = true;
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

await post(`${warehouse}/_admin/chaos`, { latencyMs: { min: 20, max: 250 }, errorRate: 0.04 });
console.log(
  `traffic: ${perSecond} paid orders/s into ${commerce}; ~${Math.round(invalidRate * 100)}% with a bad SKU, warehouse 4% 5xx`,
);
while (!stopping && sent < maxOrders) {
  const started = Date.now();
  try {
    await post(`${commerce}/_admin/orders`, {
      count: 1,
      paid: true,
      invalidSku: Math.random() < invalidRate,
    });
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
