// Acceptance: wrong signature 401 (nothing processed, rejection visible to an operator), malformed
// JSON 400, unknown tenant or connection answered exactly like a wrong signature, body over 1 MiB
// 413 — none of them changes data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '@/lib/api-tokens/issue-api-token';
import { waitFor } from './support/processes';
import { rawRequest } from './support/raw-http';
import { startStack, TEST_SECRETS, type Stack } from './support/stack';
import { sampleOrder, signedOrderWebhook } from './support/webhooks';

let stack: Stack;
let before: string;

async function ledgerFingerprint(): Promise<string> {
  const rows = await stack.db.$queryRaw<{ fp: string }[]>`
    SELECT md5(coalesce(string_agg(id::text || status::text || updated_at::text, ',' ORDER BY id), '')) ||
      (SELECT count(*) FROM timeline_entries)::text || (SELECT count(*) FROM inbound_events WHERE status <> 'rejected')::text AS fp
    FROM transactions`;
  return rows[0]?.fp ?? '';
}

const post = (url: string, body: BodyInit, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

beforeAll(async () => {
  stack = await startStack();
  const good = signedOrderWebhook(sampleOrder(5001), TEST_SECRETS.webhookSecret);
  expect((await post(stack.ingestUrl, good.body, good.headers)).status).toBe(202);
  await waitFor(
    'the good order to complete',
    async () => (await stack.count('orders-paid-to-warehouse', { status: 'completed' })) === 1,
  );
  // The order's fan-out and the shipment event it causes settle before the fingerprint is taken.
  await stack.quiet();
  before = await ledgerFingerprint();
});
afterAll(async () => {
  await stack?.stop();
});

describe('bad input at the webhook receiver', () => {
  it('refuses a wrong signature with 401 and records the rejection for operators', async () => {
    const hook = signedOrderWebhook(sampleOrder(5002), 'not-the-secret');
    const response = await post(stack.ingestUrl, hook.body, hook.headers);
    expect(response.status).toBe(401);
    // unverified: the answer names no event and no reason (an unknown path hears the same)
    expect(await response.json()).toEqual({
      error: 'INVALID_SIGNATURE',
      message: 'the signature could not be verified',
    });
    const rejected = await stack.db.inboundEvent.findFirstOrThrow({
      where: { status: 'rejected' },
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    });
    expect(rejected).toMatchObject({
      status: 'rejected',
      signatureVerdict: 'invalid',
      dedupeKey: null,
    });
    expect(JSON.stringify(rejected.headers)).not.toContain(hook.headers['x-shopify-hmac-sha256']);
  });

  it('refuses a missing signature with 401', async () => {
    const hook = signedOrderWebhook(sampleOrder(5003), TEST_SECRETS.webhookSecret);
    const { 'x-shopify-hmac-sha256': _omit, ...unsigned } = hook.headers;
    const response = await post(stack.ingestUrl, hook.body, unsigned);
    expect(response.status).toBe(401);
    expect(await stack.db.inboundEvent.count({ where: { signatureVerdict: 'missing' } })).toBe(1);
  });

  it('refuses a body changed by one byte after signing', async () => {
    const hook = signedOrderWebhook(sampleOrder(5004), TEST_SECRETS.webhookSecret);
    expect(
      (await post(stack.ingestUrl, hook.body.replace('5004', '5005'), hook.headers)).status,
    ).toBe(401);
  });

  it('answers malformed JSON with 400, even correctly signed', async () => {
    const body = '{"id": 1, "order_number": ';
    const hook = signedOrderWebhook({}, TEST_SECRETS.webhookSecret);
    const response = await post(stack.ingestUrl, body, {
      ...hook.headers,
      'x-shopify-hmac-sha256': (
        await import('@/lib/providers/signatures/hmac-base64')
      ).signHmacBase64(body, TEST_SECRETS.webhookSecret),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'INVALID_JSON' });
  });

  it('answers a signed payload that is not an order with 422', async () => {
    const hook = signedOrderWebhook({ hello: 'world' }, TEST_SECRETS.webhookSecret);
    expect((await post(stack.ingestUrl, hook.body, hook.headers)).status).toBe(422);
  });

  it('answers unknown tenants and connections exactly like a wrong signature', async () => {
    const hook = signedOrderWebhook(sampleOrder(5006), TEST_SECRETS.webhookSecret);
    const forged = signedOrderWebhook(sampleOrder(5006), 'not-the-secret');
    const answer = async (url: string, h: { body: string; headers: Record<string, string> }) => {
      const r = await post(url, h.body, h.headers);
      return { status: r.status, body: await r.text() };
    };
    const wrongSignature = await answer(stack.ingestUrl, forged);
    expect(wrongSignature.status).toBe(401);
    expect(await answer(`${stack.web.url}/api/ingest/nobody/commerce`, hook)).toEqual(
      wrongSignature,
    );
    expect(await answer(`${stack.web.url}/api/ingest/acme/nothing`, hook)).toEqual(wrongSignature);
  });

  it('answers a body over 1 MiB with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ ...sampleOrder(5007), padding: 'x'.repeat(1024 * 1024) });
    const hook = signedOrderWebhook(
      JSON.parse(big) as Record<string, unknown>,
      TEST_SECRETS.webhookSecret,
    );
    expect((await post(stack.ingestUrl, hook.body, hook.headers)).status).toBe(413);
    const chunks = [hook.body.slice(0, 600_000), hook.body.slice(600_000)];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new TextEncoder().encode(next));
        else controller.close();
      },
    });
    expect((await post(stack.ingestUrl, stream, hook.headers)).status).toBe(413);
  });

  it.each([
    ['a 10 kB event id', {}, { eventId: 'e'.repeat(10_000) }, 'providerEventId is 10000'],
    ['a 10 kB order number', { order_number: '7'.repeat(10_000) }, {}, 'businessKey is 10000'],
    ['a 10 kB email', { email: `${'b'.repeat(10_000)}@example.com` }, {}, 'customerEmail is'],
    ['a NUL in the order number', { order_number: '51\u000004' }, {}, 'businessKey contains'],
  ])(
    'answers a signed delivery with %s 422 with the reason, recorded for operators',
    async (_what, order, options, reason) => {
      const hook = signedOrderWebhook(
        { ...sampleOrder(5104), ...order },
        TEST_SECRETS.webhookSecret,
        options,
      );
      const response = await post(stack.ingestUrl, hook.body, hook.headers);
      expect(response.status).toBe(422);
      const answer = (await response.json()) as { inboundEventId: string; message: string };
      expect(answer.message).toContain(reason);
      const recorded = await stack.db.inboundEvent.findUniqueOrThrow({
        where: { id: answer.inboundEventId },
      });
      expect(recorded).toMatchObject({ status: 'rejected', signatureVerdict: 'valid' });
      expect(recorded.rejectReason).toContain(reason);
    },
  );

  it('answers a signed delivery with invalid UTF-8 in a header 422, naming the header, recorded', async () => {
    const hook = signedOrderWebhook(sampleOrder(5106), TEST_SECRETS.webhookSecret);
    // 0xff 0xfe is no UTF-8 sequence (written byte for byte: node's client would encode it)
    const { status, body } = await rawRequest(
      'POST',
      stack.ingestUrl,
      {
        ...hook.headers,
        'x-note': Buffer.from([0x41, 0xff, 0xfe]),
      },
      hook.body,
    );
    expect(status).toBe(422);
    const answer = JSON.parse(body) as { inboundEventId: string; message: string };
    expect(answer.message).toContain('header x-note is not valid UTF-8');
    const recorded = await stack.db.inboundEvent.findUniqueOrThrow({
      where: { id: answer.inboundEventId },
    });
    expect(recorded).toMatchObject({ status: 'rejected', signatureVerdict: 'valid' });
  });

  it('answers a NUL or a kilobyte in a path segment 400 with the reason at both edges, and the API 422, never 5xx', async () => {
    const hook = signedOrderWebhook(sampleOrder(5105), TEST_SECRETS.webhookSecret);
    // both edges of ingest: the receiver (stack.ingestUrl) and the web app's route alias
    const receiver = stack.ingestUrl.slice(0, stack.ingestUrl.indexOf('/api/ingest/'));
    const base = stack.web.url; // the API is the web app's
    // No tenant or connection could have these segments, so the reason reveals none that exist.
    const impossible: [string, string][] = [
      ['ac%00me/commerce', "the ingest path's tenant segment holds a character no tenant slug has"],
      [
        'acme/com%00merce',
        "the ingest path's connection segment holds a character no connection key has",
      ],
      [
        `${'a'.repeat(2000)}/commerce`,
        "the ingest path's tenant segment is 2000 characters long; no tenant slug is longer than 63",
      ],
      [
        `acme/${'c'.repeat(1000)}`,
        "the ingest path's connection segment is 1000 characters long; no connection key is longer than 63",
      ],
    ];
    for (const edge of [receiver, base]) {
      for (const [path, message] of impossible) {
        const response = await post(`${edge}/api/ingest/${path}`, hook.body, hook.headers);
        expect(
          { status: response.status, body: (await response.json()) as unknown },
          `${edge} ${path.slice(0, 40)}`,
        ).toEqual({ status: 400, body: { error: 'BAD_REQUEST', message } });
      }
      // a well-formed key that names nothing still hears what a bad signature hears
      const unknown = await post(`${edge}/api/ingest/nobody/commerce`, hook.body, hook.headers);
      expect(unknown.status, `${edge} nobody/commerce`).toBe(401);
      expect(await unknown.json()).toEqual({
        error: 'INVALID_SIGNATURE',
        message: 'the signature could not be verified',
      });
    }

    const admin = await stack.db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
    const token = await issueApiToken(stack.db, stack.tenantId, {
      name: 'bad input probe',
      scopes: ['transactions.read'],
      expiry: '30',
      actor: { kind: 'user', userId: admin.id, name: admin.name },
    });
    const get = (path: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token.secret}` } });
    for (const path of [
      '/api/v1/orders/51%0004',
      `/api/v1/orders/${'7'.repeat(300)}`,
      '/api/v1/search?q=a%00b',
    ])
      expect((await get(path)).status, path).toBe(422);
    expect((await get('/api/v1/orders/5001')).status).toBe(200);
  });

  it('left every accepted transaction, timeline and event exactly as it was', async () => {
    expect(await ledgerFingerprint()).toBe(before);
    expect(await stack.count('orders-paid-to-warehouse')).toBe(1);
    expect(
      await stack.db.inboundEvent.count({ where: { status: 'rejected' } }),
    ).toBeGreaterThanOrEqual(7);
  });
});
