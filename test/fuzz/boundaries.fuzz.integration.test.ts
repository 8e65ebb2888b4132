// The two HTTP boundaries anyone can reach, under arbitrary input, against the real web app:
// - the webhook receiver at both of its edges, each delivery sent to one of them (the receiver
//   process, receiver/, and the web app's route alias; one time budget between them): arbitrary
//   bodies (signed with the right secret or not), headers with invalid UTF-8 and control
//   characters, hostile path segments → 2xx or 4xx, never 5xx, and a refused delivery leaves every
//   accepted row as it was;
// - every /api/v1 operation of the served OpenAPI document, with arbitrary path, query and body
//   values → never 5xx, and never a byte of another tenant's data.
// No worker runs: the ledger changes only through what the receiver accepts.
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '@/lib/api-tokens/issue-api-token';
import { PERMISSIONS } from '@/lib/base/permissions';
import { signHmacBase64 } from '@/lib/providers/signatures/hmac-base64';
import { signStandardWebhook } from '@/lib/providers/signatures/standard-webhooks';
import { signStripe } from '@/lib/providers/signatures/stripe';
import { insertTransaction, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { sampleOrder } from '@/test/support/webhooks';
import { rawRequest } from '@/test/support/raw-http';
import { startStack, TENANT, TEST_SECRETS, type Stack } from '@/test/support/stack';
import { anyJson, fuzzParams, fuzzTimeout, headerName, hostileText } from './budget';

const INGEST_SECONDS = 40;
const API_SECONDS = 50;

let stack: Stack;
let token: string;
/** strings only the other tenant's rows contain: none may appear in an answer to tenant acme */
let foreign: string[];

/** every byte percent-encoded: any string, lone surrogates included, becomes a valid path part */
const encodeBytes = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

interface Answer {
  status: number;
  body: string;
}

/** node:http, not fetch: header values go out as raw latin-1 bytes (invalid UTF-8 included). */
function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method, headers, agent, maxHeaderSize: 1 << 20 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      // Node's server answers a request head over its 16 KiB limit with 431 and closes the socket
      // at once; a client still writing sees the reset instead of the answer.
      const oversized = url.length + JSON.stringify(headers).length > 16 * 1024;
      if (oversized && (error.code === 'ECONNRESET' || error.code === 'EPIPE'))
        resolve({ status: 431, body: '' });
      else reject(error);
    });
    request.end(body);
  });
}

async function acceptedFingerprint(): Promise<string> {
  const rows = await stack.db.$queryRaw<{ fp: string }[]>`
    SELECT md5(
      coalesce((SELECT string_agg(id::text || status::text || updated_at::text, ',' ORDER BY id) FROM transactions), '') ||
      coalesce((SELECT string_agg(id::text || status::text, ',' ORDER BY id) FROM inbound_events WHERE status <> 'rejected'), '') ||
      (SELECT count(*) FROM timeline_entries)::text || (SELECT count(*) FROM outbox)::text
    ) AS fp`;
  return rows[0]?.fp ?? '';
}

beforeAll(async () => {
  // Flood limits lifted: the property is about what each delivery does, not how many may come
  // (test/flood-and-trust.integration.test.ts proves the limits).
  const unlimited = String(10_000_000);
  stack = await startStack({
    worker: false,
    webEnv: {
      INGEST_LIMIT_PER_CONNECTION: unlimited,
      INGEST_LIMIT_PER_ADDRESS: unlimited,
      INGEST_REFUSED_PER_CONNECTION: unlimited,
      INGEST_REFUSED_PER_ADDRESS: unlimited,
    },
  });
  // Another tenant with a transaction of its own, beside acme.
  const globex = await seedFixtureTenant(stack.db, 'globex');
  const txId = await insertTransaction(
    { db: stack.db, drop: async () => {}, ...globex },
    { body: { order_number: 880011, email: 'ceo@globex.test' } },
  );
  foreign = [globex.tenantId, globex.flowId, globex.commerceConnectionId, txId, 'ceo@globex.test'];
  const admin = await stack.db.user.findFirstOrThrow({ where: { email: 'admin@acme.test' } });
  token = (
    await issueApiToken(stack.db, stack.tenantId, {
      name: 'fuzz',
      scopes: [...PERMISSIONS],
      expiry: '30',
      actor: { kind: 'user', userId: admin.id, name: admin.name },
    })
  ).secret;
}, 180_000);

afterAll(async () => {
  agent.destroy();
  await stack?.stop();
});

describe('the webhook receiver under arbitrary deliveries', () => {
  const connections = {
    commerce: (body: Buffer) => ({
      'x-shopify-hmac-sha256': signHmacBase64(body, TEST_SECRETS.webhookSecret),
    }),
    payments: (body: Buffer) => ({
      'stripe-signature': signStripe(body, TEST_SECRETS.paymentsWebhookSecret, Date.now() / 1000),
    }),
    warehouse: (body: Buffer) => {
      const id = `msg_${Math.random().toString(36).slice(2)}`;
      const ts = Math.floor(Date.now() / 1000);
      return {
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': signStandardWebhook(body, TEST_SECRETS.warehouseWebhookSecret, id, ts),
      };
    },
  };
  type Key = keyof typeof connections;

  /**
   * Header values as bytes, one latin-1 character each: mostly printable ASCII, sometimes any byte
   * but CR, LF and other control characters (they would end or break the request's head) — 0x80-0xff
   * are then mostly invalid UTF-8.
   */
  const rawHeaderValue = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 100 }).map((v) => v.trim()) },
    fc.uint8Array({ minLength: 0, maxLength: 300 }).map((bytes) =>
      Buffer.from(bytes.filter((b) => b === 9 || (b >= 0x20 && b !== 0x7f)))
        .toString('latin1')
        .trim(),
    ),
  );
  const knownHeader = fc.constantFrom(
    'x-shopify-topic',
    'x-shopify-webhook-id',
    'x-shopify-event-id',
    'webhook-id',
    'content-type',
    'x-forwarded-for',
    'x-request-id',
  );
  // Real shapes with hostile leaves: they pass the adapters' parsing and reach the ledger's write.
  const order = fc
    .record({
      number: fc.integer({ min: 1, max: 2 ** 31 }),
      note: hostileText,
      sku: hostileText,
      name: hostileText,
      key: hostileText,
    })
    .map(({ number, note, sku, name, key }) => ({
      ...sampleOrder(number),
      note,
      line_items: [{ sku, quantity: 1 }],
      shipping_address: { name, address1: note, city: 'Berlin', zip: '1', country_code: 'DE' },
      [key.slice(0, 100)]: note,
    }));
  const payment = fc
    .record({ id: hostileText, order: fc.integer({ min: 1 }), note: hostileText })
    .map(({ id, order, note }) => ({
      id: `evt_${order}`,
      type: 'payment_intent.succeeded',
      data: {
        object: { id: `pi_${id.slice(0, 50)}`, metadata: { order_number: String(order), note } },
      },
    }));
  const body = fc.oneof(
    order.map((o) => Buffer.from(JSON.stringify(o))),
    payment.map((p) => Buffer.from(JSON.stringify(p))),
    fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
    anyJson.map((j) => Buffer.from(JSON.stringify(j) ?? 'null')),
    fc
      .record({
        id: fc.oneof(fc.integer(), hostileText),
        order_number: fc.oneof(fc.integer(), hostileText),
        email: hostileText,
        type: fc.constantFrom('payment_intent.succeeded', 'fulfilment.status_changed', 'x'),
        data: fc.record({
          object: fc.record({
            id: hostileText,
            metadata: fc.record({ order_number: hostileText }),
          }),
          fulfilment: fc.record({
            id: hostileText,
            order_number: hostileText,
            status: hostileText,
          }),
        }),
      })
      .map((j) => Buffer.from(JSON.stringify(j))),
  );
  /** the two edges of one ingest function (lib/ingest/ingest-delivery.ts) */
  type Edge = 'receiver' | 'web';
  const edgeUrl = (edge: Edge) => (edge === 'receiver' ? stack.receiver.url : stack.web.url);
  const delivery = fc.record({
    edge: fc.constantFrom<Edge>('receiver', 'web'),
    connection: fc.constantFrom<Key>('commerce', 'payments', 'warehouse'),
    signed: fc.boolean(),
    body,
    topic: fc.constantFrom('orders/paid', 'orders/create', 'refunds/create', 'constructor', ''),
    headers: fc.dictionary(fc.oneof(knownHeader, headerName), rawHeaderValue, { maxKeys: 6 }),
    // a hostile tenant or connection segment now and then
    path: fc.option(fc.tuple(hostileText, hostileText), { freq: 4 }),
  });

  it(
    'answers 2xx or 4xx at either edge, never 5xx, and a refusal changes no accepted row',
    async () => {
      let before = await acceptedFingerprint();
      const statuses: Record<Edge, Map<number, number>> = { receiver: new Map(), web: new Map() };
      await fc.assert(
        fc.asyncProperty(delivery, async (d) => {
          const segments = d.path
            ? d.path.map((s) => encodeBytes(s.slice(0, 2000)))
            : [TENANT, d.connection];
          const url = `${edgeUrl(d.edge)}/api/ingest/${segments.join('/')}`;
          const extra = Object.entries(d.headers).map(([k, v]): [string, Buffer] => [
            k,
            Buffer.from(v, 'latin1'),
          ]);
          const headers: Record<string, string | Buffer> = {
            'content-type': 'application/json',
            'x-shopify-topic': d.topic,
            'x-shopify-webhook-id': `evt-${Math.random().toString(36).slice(2)}`,
            ...Object.fromEntries(extra),
            ...(d.signed ? connections[d.connection](d.body) : {}),
          };
          // written byte for byte: header values reach the server as they are, invalid UTF-8 too
          const answer = await rawRequest('POST', url, headers, d.body);
          const seen = statuses[d.edge];
          seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
          expect(answer.status, `${d.edge}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
          const after = await acceptedFingerprint();
          if (answer.status >= 400)
            expect(after, `refused ${answer.status} changed the ledger`).toBe(before);
          before = after;
        }),
        fuzzParams(INGEST_SECONDS),
      );
      for (const [edge, seen] of Object.entries(statuses)) {
        console.info(`ingest fuzz statuses (${edge})`, Object.fromEntries(seen));
        // The property saw both sides at each edge: deliveries accepted and refused.
        expect(
          [...seen.keys()].some((s) => s < 300),
          edge,
        ).toBe(true);
        expect(
          [...seen.keys()].some((s) => s >= 400),
          edge,
        ).toBe(true);
      }
    },
    fuzzTimeout(INGEST_SECONDS, 60),
  );
});

interface Operation {
  method: string;
  template: string;
  pathParams: string[];
  queryParams: string[];
  bodyKeys: string[] | null;
}

async function operations(): Promise<Operation[]> {
  const answer = await send('GET', `${stack.web.url}/api/v1/openapi.json`, {});
  expect(answer.status).toBe(200);
  type Param = { name: string; in: string };
  type Op = {
    parameters?: Param[];
    requestBody?: {
      content?: Record<string, { schema?: { properties?: Record<string, unknown> } }>;
    };
  };
  const doc = JSON.parse(answer.body) as { paths: Record<string, Record<string, Op>> };
  const out: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      const schema = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        template,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyKeys: op.requestBody ? Object.keys(schema?.properties ?? {}) : null,
      });
    }
  return out;
}

describe('every /api/v1 operation under arbitrary parameters and bodies', () => {
  it(
    'never answers 5xx and never shows another tenant’s data',
    async () => {
      const ops = await operations();
      expect(ops.length).toBeGreaterThan(10);
      const value = fc.oneof(
        hostileText,
        fc.uuid(),
        fc.constantFrom(...foreign, 'pause', 'resume', '1', '-1', 'true', '9'.repeat(40)),
        fc.integer().map(String),
      );
      const jsonLeaf = fc.oneof(anyJson, value, fc.array(value, { maxLength: 3 }));
      const call = fc
        .record({
          op: fc.constantFrom(...ops),
          path: fc.array(value, { minLength: 4, maxLength: 4 }),
          query: fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 3 }),
          known: fc.array(value, { minLength: 8, maxLength: 8 }),
          body: fc.oneof(
            anyJson,
            fc.dictionary(fc.string({ maxLength: 12 }), jsonLeaf, { maxKeys: 4 }),
            fc.constant(null),
          ),
          bodyValues: fc.array(jsonLeaf, { minLength: 8, maxLength: 8 }),
          rawBody: fc.option(fc.uint8Array({ maxLength: 512 }), { freq: 6 }),
        })
        .map((c) => ({
          ...c,
          body:
            c.op.bodyKeys && c.op.bodyKeys.length > 0 && c.body !== null
              ? Object.fromEntries(c.op.bodyKeys.map((k, i) => [k, c.bodyValues[i % 8]]))
              : c.body,
        }));
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(call, async (c) => {
          let i = 0;
          const path = c.op.template.replace(/\{(\w+)\}/g, () =>
            encodeBytes(c.path[i++ % 4] ?? 'x'),
          );
          const query = new URLSearchParams(c.query);
          c.op.queryParams.forEach((name, n) => query.set(name, c.known[n % 8] ?? ''));
          const url = `${stack.web.url}${path}?${query}`;
          const payload =
            c.op.method === 'GET'
              ? undefined
              : c.rawBody
                ? Buffer.from(c.rawBody)
                : Buffer.from(JSON.stringify(c.body) ?? 'null');
          const answer = await send(
            c.op.method,
            url,
            {
              authorization: `Bearer ${token}`,
              ...(payload && { 'content-type': 'application/json' }),
            },
            payload,
          );
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const what = `${c.op.method} ${url}`;
          expect(answer.status, `${what}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
          const sent = JSON.stringify(c);
          for (const marker of foreign)
            if (!sent.includes(marker))
              expect(answer.body.includes(marker), `${what} showed ${marker}`).toBe(false);
        }),
        fuzzParams(API_SECONDS),
      );
      console.info('api fuzz statuses', Object.fromEntries(statuses));
      expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    },
    fuzzTimeout(API_SECONDS, 60),
  );
});
