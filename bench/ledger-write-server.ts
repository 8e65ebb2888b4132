// The ledger-write ceiling: a bare node:http server that, per request, runs the very statement the
// receiver runs for an accepted paid order (writeAccepted: the inbound event, one transaction per
// fan-out flow, their first timeline entries and outbox rows) with fixed inputs and fresh ids. No
// signature check, no JSON parsing, no target resolution, no wake-up: the least any ledger-first
// receiver must do per delivery. It calls writeAccepted and toCandidates themselves, through the
// same db client construction, so the ceiling follows the statement when the ledger changes it.
//
// Env: DATABASE_URL, PORT, TENANT_ID, CONNECTION_ID (the commerce connection), FLOW_IDS (comma
// separated: the fan-out flows), DB_POOL_SIZE (default 10, as the web app and the receiver).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createDb } from '@/lib/db';
import { toCandidates } from '@/lib/ledger/candidates';
import { writeAccepted } from '@/lib/ledger/write-accepted';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`ledger-write ceiling: ${name} is required`);
  return value;
}

const tenantId = required('TENANT_ID');
const connectionId = required('CONNECTION_ID');
const flows = required('FLOW_IDS')
  .split(',')
  .map((id) => ({ id }));
const db = createDb({
  connectionString: required('DATABASE_URL'),
  poolSize: Number(process.env.DB_POOL_SIZE ?? 10),
  applicationName: 'waybill-bench-ceiling',
});
/** What the receiver stores of a Shopify-style delivery's headers (signature redacted). */
const HEADERS = {
  'content-type': 'application/json',
  'x-shopify-topic': 'orders/paid',
  'x-shopify-hmac-sha256': '[redacted]',
  'x-shopify-webhook-id': '00000000-0000-4000-8000-000000000000',
};

let seq = 0;
function write(body: string, sizeBytes: number) {
  const n = ++seq;
  // Fresh per request, as a real delivery's would be: the event id (the dedupe key) and the
  // object whose idempotency keys the transactions get; everything else is constant.
  const object = {
    sourceObjectId: `ceiling-${process.pid}-${n}`,
    businessKey: `ceiling-${process.pid}-${n}`,
    customerEmail: `ceiling.buyer+${n}@example.com`,
  };
  return writeAccepted(db, {
    tenantId,
    connectionId,
    providerEventId: randomUUID(),
    topic: 'orders/paid',
    status: 'accepted',
    headers: HEADERS,
    body,
    sizeBytes,
    summary: 'orders/paid received from Storefront',
    candidates: toCandidates(flows, [object], 'order.paid'),
  });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    write(raw.toString('utf8'), raw.length)
      .then((written) => {
        // a duplicate would mean the ids were not fresh: the ceiling would be measuring less work
        if (!written) res.writeHead(500).end();
        else
          res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
      })
      .catch(() => res.writeHead(503).end());
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(required('PORT')), '127.0.0.1', () => console.log('ceiling listening'));
process.on('SIGTERM', () => {
  server.close();
  void db.$disconnect().then(() => process.exit(0));
});
