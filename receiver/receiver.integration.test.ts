// The ingest receiver (receiver/server.ts) against a real database and redis-server: every
// delivery is answered as the Next route answers it (the route's handler is called in the same
// process with the same clients, so both edges are compared case by case), recorded once, and the
// receiver's own paths (404, 405, /health, /metrics) answer as the web app's do.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { singleKeyRing } from '@/lib/crypto/key-ring';
import { createDb, type Db } from '@/lib/db';
import { serverEnv } from '@/lib/env';
import { handleIngest } from '@/lib/http/ingest-route';
import { signHmacBase64 } from '@/lib/providers/signatures/hmac-base64';
import { createServerContext, type ServerContext } from '@/lib/server/context';
import { seedDemoTenant } from '@/prisma/seed-demo';
import { createTestDatabase } from '@/test/support/database';
import { usePrivateRedis } from '@/test/support/private-redis';
import { parseExposition } from '@/test/support/prometheus-text';
import { rawRequest } from '@/test/support/raw-http';
import { sampleOrder, signedOrderWebhook } from '@/test/support/webhooks';
import { startReceiver, type ReceiverServer } from './server';

const KEY = Buffer.alloc(32, 7).toString('base64');
const SECRET = 'receiver-test-webhook-secret';
const METRICS_TOKEN = 'receiver-test-metrics-token-0123456789';
const LIMIT = 64 * 1024;
const redis = usePrivateRedis();

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let ctx: ServerContext;
let receiver: ReceiverServer;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 2 });
  await seedDemoTenant(db, {
    slug: 'acme',
    name: 'Acme Outfitters',
    userDomain: 'acme.test',
    password: 'receiver-test-password',
    commerceWebhookSecret: SECRET,
    commerceUrl: 'http://127.0.0.1:9',
    warehouseUrl: 'http://127.0.0.1:9',
    warehouseApiToken: 'wh-token',
    keyRing: singleKeyRing(KEY),
    retryPolicy: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 5000 },
    inventoryPollEveryMs: 0,
  });
  // the settings every process reads from its environment (lib/env.ts), this suite's own
  for (const [name, value] of Object.entries({
    DATABASE_URL: database.url,
    REDIS_URL: redis.server().url,
    QUEUE_PREFIX: 'wbrecv',
    WAYBILL_ENCRYPTION_KEY: KEY,
    WAYBILL_ENCRYPTION_KEYS: '',
    LOG_LEVEL: 'silent',
    INGEST_MAX_BODY_BYTES: String(LIMIT),
    METRICS_TOKEN,
    TRUSTED_PROXY_HOPS: '0',
  }))
    vi.stubEnv(name, value);
  ctx = createServerContext(serverEnv(), 'receiver-test');
  receiver = await startReceiver(ctx, { host: '127.0.0.1', port: 0, keepAliveTimeoutMs: 5000 });
});
afterAll(async () => {
  await receiver?.close(1000);
  await ctx?.queues.close();
  ctx?.redis.disconnect();
  await ctx?.db.$disconnect();
  await db?.$disconnect();
  await database?.drop();
  vi.unstubAllEnvs();
});

interface Answer {
  status: number;
  body: unknown;
  retryAfter: string | null;
}

interface Delivery {
  path: string;
  body: BodyInit;
  headers: Record<string, string>;
}

const read = async (r: Response): Promise<Answer> => ({
  status: r.status,
  body: JSON.parse(await r.text()) as unknown,
  retryAfter: r.headers.get('retry-after'),
});

/** The receiver's answer over HTTP. */
const viaReceiver = async ({ path, body, headers }: Delivery) =>
  read(
    await fetch(`${receiver.url}${path}`, {
      method: 'POST',
      body,
      headers,
      duplex: 'half',
    } as RequestInit),
  );

/** The Next route's answer: its handler with the params Next would pass (percent-decoded). */
const viaNextRoute = async ({ path, body, headers }: Delivery) => {
  const [tenant = '', connection = '', token] = path
    .slice('/api/ingest/'.length)
    .split('/')
    .map(decodeURIComponent);
  const request = new Request(`http://web.test${path}`, {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit);
  return read(await handleIngest(request, tenant, connection, token, ctx));
};

/** Event ids differ between two deliveries; everything else of an answer must not. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const withoutIds = (a: Answer) => JSON.parse(JSON.stringify(a).replace(UUID, '<id>')) as Answer;

const order = (
  n: number,
  secret = SECRET,
  path = '/api/ingest/acme/commerce',
): { path: string; body: string; headers: Record<string, string> } => ({
  path,
  ...signedOrderWebhook(sampleOrder(n), secret),
});

const signedBody = (body: string): Delivery => ({
  path: '/api/ingest/acme/commerce',
  body,
  headers: {
    ...signedOrderWebhook({}, SECRET).headers,
    'x-shopify-hmac-sha256': signHmacBase64(body, SECRET),
  },
});

async function ingestCounts(): Promise<Map<string, number>> {
  const response = await fetch(`${receiver.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(response.status).toBe(200);
  // parses as Prometheus text (throws naming the line otherwise)
  const families = parseExposition(await response.text());
  const requests = families.find((f) => f.name === 'waybill_ingest_requests_total');
  const counts = new Map<string, number>();
  for (const sample of requests?.samples ?? [])
    if (sample.labels.outcome) counts.set(sample.labels.outcome, sample.value);
  return counts;
}

describe('the ingest receiver', () => {
  it('accepts a signed delivery (202), records it once, and answers its redelivery as a duplicate', async () => {
    const first = order(8001);
    const accepted = await viaReceiver(first);
    expect(accepted).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const { inboundEventId, transactions } = accepted.body as {
      inboundEventId: string;
      transactions: number;
    };
    expect(transactions).toBeGreaterThan(0);
    const again = await viaReceiver(first);
    expect(again).toMatchObject({
      status: 200,
      body: { status: 'duplicate', duplicateOf: inboundEventId },
    });
    // the Next route hears the same redelivery the same way
    expect(withoutIds(await viaNextRoute(first))).toEqual(withoutIds(again));
    const eventId = first.headers['x-shopify-webhook-id'];
    expect(
      await db.inboundEvent.count({ where: { providerEventId: eventId, status: 'accepted' } }),
    ).toBe(1);
    expect(await db.inboundEvent.count({ where: { providerEventId: eventId } })).toBe(3);
    expect(await db.transaction.count({ where: { businessKey: '8001' } })).toBe(transactions);
  });

  it('answers a fresh delivery exactly as the Next route does', async () => {
    expect(withoutIds(await viaReceiver(order(8002)))).toEqual(
      withoutIds(await viaNextRoute(order(8003))),
    );
  });

  it.each<[string, () => Delivery, number]>([
    ['a wrong signature', () => order(8010, 'not-the-secret'), 401],
    ['an unknown tenant', () => order(8011, SECRET, '/api/ingest/nobody/commerce'), 401],
    ['an unknown connection', () => order(8012, SECRET, '/api/ingest/acme/nothing'), 401],
    // no tenant or connection could have these: 400 with the reason (names nothing that exists)
    ['a NUL in a path segment', () => order(8013, SECRET, '/api/ingest/ac%00me/commerce'), 400],
    [
      'a kilobyte path segment',
      () => order(8014, SECRET, `/api/ingest/${'a'.repeat(2000)}/x`),
      400,
    ],
    [
      'a token to a signed connection',
      () => order(8015, SECRET, '/api/ingest/acme/commerce/t0k'),
      401,
    ],
    ['malformed JSON, signed', () => signedBody('{"id": 1, "order_number": '), 400],
    ['a signed payload that is not an order', () => signedBody('{"hello":"world"}'), 422],
    [
      'a Content-Length over the limit',
      () => ({ ...order(8016), body: 'x'.repeat(LIMIT + 1) }),
      413,
    ],
  ])('answers %s as the Next route does', async (_what, delivery, status) => {
    const receiverAnswer = await viaReceiver(delivery());
    expect(receiverAnswer.status).toBe(status);
    expect(withoutIds(receiverAnswer)).toEqual(withoutIds(await viaNextRoute(delivery())));
  });

  it('answers a streamed body over the limit 413 without reading it all, and keeps the connection usable', async () => {
    const streamed = (): Delivery => {
      const chunks = [Buffer.alloc(LIMIT / 2, 120), Buffer.alloc(LIMIT, 120)];
      return {
        ...order(8020),
        body: new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next) controller.enqueue(next);
            else controller.close();
          },
        }),
      };
    };
    const answer = await viaReceiver(streamed());
    expect(answer).toMatchObject({ status: 413, body: { error: 'PAYLOAD_TOO_LARGE' } });
    expect((await viaNextRoute(streamed())).status).toBe(413);
    expect((await viaReceiver(order(8021))).status).toBe(202);
  });

  it('answers an undecodable path segment 400 (Next: DecodeError), never 5xx', async () => {
    const hook = order(8030);
    const answer = await rawRequest(
      'POST',
      `${receiver.url}/api/ingest/ac%E0%A4%A/commerce`,
      hook.headers,
      hook.body,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'BAD_REQUEST',
      message: "the ingest path's tenant segment is not valid percent-encoding",
    });
  });

  it('answers 404 JSON for unknown paths and 405 with Allow for other methods', async () => {
    for (const path of [
      '/',
      '/api/ingest/acme',
      '/api/ingest/acme/commerce/a/b',
      '/api/v1/orders',
    ]) {
      const response = await fetch(`${receiver.url}${path}`, { method: 'POST', body: '{}' });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ error: 'NOT_FOUND', message: 'no such path' });
    }
    const get = await fetch(`${receiver.url}/api/ingest/acme/commerce`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const post = await fetch(`${receiver.url}/health`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect(get.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers /health as the web app does: live, ready, details only for the operator', async () => {
    const live = await fetch(`${receiver.url}/health?probe=live`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'live' }]);
    const ready = await fetch(`${receiver.url}/health`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    const operator = await fetch(`${receiver.url}/health`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(await operator.json()).toMatchObject({
      status: 'ready',
      ok: true,
      checks: { database: { ok: true }, redis: { ok: true } },
    });
    const wrong = await fetch(`${receiver.url}/health`, {
      headers: { authorization: 'Bearer no' },
    });
    expect(wrong.status).toBe(401);
  });

  it('serves /metrics only with the token, as Prometheus text counting its answers', async () => {
    expect((await fetch(`${receiver.url}/metrics`)).status).toBe(401);
    const before = await ingestCounts();
    expect((await viaReceiver(order(8040))).status).toBe(202);
    expect((await viaReceiver(order(8041, 'wrong-secret'))).status).toBe(401);
    const after = await ingestCounts();
    expect((after.get('accepted') ?? 0) - (before.get('accepted') ?? 0)).toBe(1);
    expect(
      (after.get('rejected_invalid_signature') ?? 0) -
        (before.get('rejected_invalid_signature') ?? 0),
    ).toBe(1);
  });

  it('on close, answers the delivery in flight, then refuses new connections', async () => {
    const hook = order(8050);
    const body = hook.body;
    const socket = connect(receiver.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const head = Object.entries(hook.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(
      `POST /api/ingest/acme/commerce HTTP/1.1\r\nhost: x\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${head}\r\n${body.slice(0, 10)}`,
    );
    // the request is in flight (its body half sent) when the receiver is told to stop
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closed = receiver.close(10_000);
    socket.write(body.slice(10));
    await closed;
    await ended;
    const text = Buffer.concat(received).toString();
    expect(text).toMatch(/^HTTP\/1\.1 202 /);
    expect(text.toLowerCase()).toContain('connection: close');
    await expect(fetch(`${receiver.url}/health?probe=live`)).rejects.toThrow();
  });
});
