// Ingest load for the bench: realistic signed orders/paid deliveries, sent closed loop (autocannon,
// a fixed number of connections each waiting for its answer) for a duration or an amount.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signHmacBase64 } from '@/lib/providers/signatures/hmac-base64';
import { TEST_SECRETS } from '@/test/support/stack';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

let orderSeq = 1_000_000;
/** A realistic ~1 KB signed orders/paid delivery with a fresh order and event id. */
export function webhook() {
  const n = orderSeq++;
  const body = JSON.stringify({
    id: 7_000_000_000 + n,
    order_number: n,
    email: `bench.buyer+${n}@example.com`,
    financial_status: 'paid',
    currency: 'EUR',
    total_price: '214.30',
    customer: { first_name: 'Grace', last_name: 'Hopper', full_name: 'Grace Hopper' },
    line_items: [
      {
        id: n * 10 + 1,
        sku: 'TENT-2P-GRN',
        title: 'Two-person tent',
        quantity: 1,
        price: '129.00',
      },
      { id: n * 10 + 2, sku: 'LAMP-HD-400', title: 'Headlamp 400 lm', quantity: 2, price: '39.40' },
      {
        id: n * 10 + 3,
        sku: 'SOCK-MER-M',
        title: 'Merino Hiking Socks (M)',
        quantity: 1,
        price: '18.95',
      },
    ],
    shipping_address: {
      name: 'Grace Hopper',
      address1: 'Lindenstrasse 12',
      city: 'Berlin',
      zip: '10969',
      country_code: 'DE',
    },
    note_attributes: [{ name: 'gift', value: 'no' }],
    tags: 'bench,load',
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/paid',
      'x-shopify-hmac-sha256': signHmacBase64(body, TEST_SECRETS.webhookSecret),
      'x-shopify-webhook-id': randomUUID(),
    },
  };
}

export interface ClosedLoopResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
}

export async function closedLoop(
  url: string,
  options: { duration?: number; amount?: number },
): Promise<ClosedLoopResult> {
  const codes = new Map<number, number>();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? SECONDS }),
    requests: [
      {
        setupRequest: (req) => {
          const hook = webhook();
          return { ...req, method: 'POST', body: hook.body, headers: hook.headers };
        },
        onResponse: (status: number) => void codes.set(status, (codes.get(status) ?? 0) + 1),
      },
    ],
  });
  if (result.errors > 0)
    console.warn(
      `bench: ${result.errors} closed-loop requests failed without an answer (timeouts ${result.timeouts}, resets ${result.resets})`,
    );
  if ([...codes.keys()].some((c) => c >= 300))
    console.warn(`bench: answers by status from ${url}:`, Object.fromEntries(codes));
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    total: result.requests.total,
  };
}

/** One paid order (three fan-out transactions) outside the measured load. */
export async function sendWarmUpOrder(url: string) {
  const hook = webhook();
  const response = await fetch(url, { method: 'POST', body: hook.body, headers: hook.headers });
  if (!response.ok) throw new Error(`bench: warm-up order answered ${response.status}`);
}
