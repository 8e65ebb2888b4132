// The provider-call ceiling: a bare keep-alive HTTP client making the calls a paid order's fan-out
// makes, to the same simulators, at the same concurrency the engine is allowed, with no database,
// no mapping, no ledger. One call is one transaction, so calls/s is the most transactions/s any
// dispatcher on this box could complete against these providers. Run as its own process (the
// engine's calls leave the worker process, and the simulators live in the bench process).
//
// Each call is what the adapters send (lib/providers/adapters/{warehouse,erp,crm}): method, path,
// auth header, idempotency key and a body of the shape the demo mappings produce, with fresh
// references, keys and emails per call, and its answer read and parsed for the provider's id.
//
// Env: WAREHOUSE_URL, WAREHOUSE_TOKEN, ERP_URL, ERP_KEY, CRM_URL, CRM_KEY, CONCURRENCY (in flight per
// target, all three at once), SECONDS. Prints one JSON line: { calls, errors, seconds, byTarget }.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';

interface Call {
  method: 'POST' | 'PUT';
  url: URL;
  headers: Record<string, string>;
  body: string;
}

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`provider-call ceiling: ${name} is required`);
  return value;
};
const base = (url: string) => url.replace(/\/+$/, '');
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 128);
const SECONDS = Number(process.env.SECONDS ?? 10);
const LINES = [
  { sku: 'TENT-2P-GRN', quantity: 1, price: '129.00' },
  { sku: 'LAMP-HD-400', quantity: 2, price: '39.40' },
  { sku: 'SOCK-MER-M', quantity: 1, price: '18.95' },
];
const tag = `${process.pid}-${Date.now().toString(36)}`;

/** The three operations of the fan-out, as their adapters build them. */
const targets: Record<string, (n: number) => Call> = {
  warehouse: (n) => ({
    method: 'POST',
    url: new URL(`${base(env('WAREHOUSE_URL'))}/v1/fulfilments`),
    headers: {
      authorization: `Bearer ${env('WAREHOUSE_TOKEN')}`,
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      reference: `order-ceiling-${tag}-${n}`,
      order_number: `C${n}`,
      lines: LINES.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      ship_to: {
        name: 'Grace Hopper',
        address1: 'Lindenstrasse 12',
        city: 'Berlin',
        postal_code: '10969',
        country: 'DE',
      },
    }),
  }),
  erp: (n) => ({
    method: 'POST',
    url: new URL(`${base(env('ERP_URL'))}/api/v1/sales-orders`),
    headers: { authorization: `Bearer ${env('ERP_KEY')}` },
    body: JSON.stringify({
      external_ref: `C${tag}-${n}`,
      customer_email: `ceiling.buyer+${tag}-${n}@example.com`,
      customer_name: 'Grace Hopper',
      currency: 'EUR',
      total: '214.30',
      lines: LINES.map((l) => ({ sku: l.sku, quantity: l.quantity, unit_price: l.price })),
    }),
  }),
  crm: (n) => {
    const email = `ceiling.buyer+${tag}-${n}@example.com`;
    return {
      method: 'PUT',
      url: new URL(`${base(env('CRM_URL'))}/crm/v3/contacts/${encodeURIComponent(email)}`),
      headers: { 'x-api-key': env('CRM_KEY') },
      body: JSON.stringify({
        email,
        given_name: 'Grace',
        family_name: 'Hopper',
        external_ref: `C${n}`,
      }),
    };
  },
};

const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });

function send(call: Call): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        method: call.method,
        hostname: call.url.hostname,
        port: call.url.port,
        path: `${call.url.pathname}${call.url.search}`,
        headers: {
          ...call.headers,
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': Buffer.byteLength(call.body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
          // the dispatcher needs the provider's id from the answer: read it as the adapters do
          let id: unknown;
          try {
            id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: unknown }).id;
          } catch {
            id = undefined;
          }
          resolve(ok && typeof id === 'string');
        });
      },
    );
    req.on('error', () => resolve(false));
    req.end(call.body);
  });
}

async function run(until: number, counting: () => boolean) {
  const byTarget: Record<string, number> = {};
  let errors = 0;
  let n = 0;
  await Promise.all(
    Object.entries(targets).flatMap(([name, make]) =>
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) {
          const ok = await send(make(++n));
          if (!counting()) continue;
          if (ok) byTarget[name] = (byTarget[name] ?? 0) + 1;
          else errors++;
        }
      }),
    ),
  );
  return { byTarget, errors };
}

// Half a second of warm-up opens the sockets and warms the code; only calls answered after it count.
const start = performance.now();
const warmUntil = start + 500;
const end = warmUntil + SECONDS * 1000;
const result = await run(end, () => performance.now() >= warmUntil);
const seconds = (performance.now() - warmUntil) / 1000;
const calls = Object.values(result.byTarget).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({ calls, errors: result.errors, seconds, byTarget: result.byTarget }));
agent.destroy();
