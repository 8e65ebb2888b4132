// The generic HTTP kind's inbound side through the built app: one connection per signature scheme,
// configured only by settings. A correctly signed delivery is accepted and recorded with its
// transaction; the same bytes with one changed are refused (401) and the refusal kept for
// operators. A sender that signs nothing proves itself by the token in the ingest path, and a token
// in the path of a connection that verifies signatures is a wrong path.
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { singleKeyRing } from '@/lib/crypto/key-ring';
import { signHmacBase64 } from '@/lib/providers/signatures/hmac-base64';
import { signStandardWebhook } from '@/lib/providers/signatures/standard-webhooks';
import { signStripe } from '@/lib/providers/signatures/stripe';
import { startStack, TENANT, TEST_SECRETS, type Stack } from './support/stack';

type Signed = (body: string, eventId: string) => Record<string, string>;

interface Scheme {
  key: string;
  signature: Record<string, string>;
  secret: string;
  sign: Signed;
  /** the header whose value must not be stored */
  secretHeader?: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const hex = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

const HEX_SECRET = `dockhook_${randomBytes(16).toString('hex')}`;
const B64_SECRET = `b64_${randomBytes(16).toString('hex')}`;
const STRIPE_SECRET = `whsec_${randomBytes(16).toString('hex')}`;
const STANDARD_SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const PATH_TOKEN = randomBytes(32).toString('base64url');

const SCHEMES: Scheme[] = [
  {
    key: 'dock-hmac-hex',
    signature: { scheme: 'hmac_hex', header: 'Dock-Signature' },
    secret: HEX_SECRET,
    sign: (body) => ({ 'dock-signature': hex(HEX_SECRET, body) }),
    secretHeader: 'dock-signature',
  },
  {
    key: 'dock-hmac-prefixed',
    signature: { scheme: 'hmac_hex', header: 'X-Hub-Signature-256', prefix: 'sha256=' },
    secret: HEX_SECRET,
    sign: (body) => ({ 'x-hub-signature-256': `sha256=${hex(HEX_SECRET, body)}` }),
    secretHeader: 'x-hub-signature-256',
  },
  {
    key: 'dock-hmac-base64',
    signature: { scheme: 'hmac_base64', header: 'X-Dock-Hmac' },
    secret: B64_SECRET,
    sign: (body) => ({ 'x-dock-hmac': signHmacBase64(body, B64_SECRET) }),
    secretHeader: 'x-dock-hmac',
  },
  {
    key: 'dock-stripe',
    signature: { scheme: 'stripe' },
    secret: STRIPE_SECRET,
    sign: (body) => ({ 'stripe-signature': signStripe(body, STRIPE_SECRET, nowSeconds()) }),
    secretHeader: 'stripe-signature',
  },
  {
    key: 'dock-standard',
    signature: { scheme: 'standard_webhooks' },
    secret: STANDARD_SECRET,
    sign: (body, eventId) => {
      const at = nowSeconds();
      return {
        'webhook-id': eventId,
        'webhook-timestamp': String(at),
        'webhook-signature': signStandardWebhook(body, STANDARD_SECRET, eventId, at),
      };
    },
    secretHeader: 'webhook-signature',
  },
  {
    key: 'dock-token',
    signature: { scheme: 'path_token' },
    secret: PATH_TOKEN,
    sign: () => ({}),
  },
];

let stack: Stack;
const connectionIds: Record<string, string> = {};
let sequence = 0;

function delivery(reference: string) {
  const eventId = `evt_${randomBytes(6).toString('hex')}`;
  const body = JSON.stringify({
    event_id: eventId,
    type: 'shipment_order.delivered',
    occurred_at: new Date().toISOString(),
    data: {
      id: `DY-${String(++sequence).padStart(6, '0')}`,
      reference,
      state: 'delivered',
      recipient: { name: 'Anna Jansen', email: 'anna@example.com' },
    },
  });
  return { eventId, body };
}

const ingestUrl = (key: string, token?: string) =>
  `${stack.web.url}/api/ingest/${TENANT}/${key}${token === undefined ? '' : `/${token}`}`;

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function latestRefusal(key: string) {
  return stack.db.inboundEvent.findFirstOrThrow({
    where: { connectionId: connectionIds[key] ?? '', status: 'rejected' },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
  });
}

const refusedCount = async (key: string) =>
  Number(
    (
      await stack.db.inboundRefusalCount.findUnique({
        where: { connectionId: connectionIds[key] ?? '' },
      })
    )?.refused ?? 0,
  );

beforeAll(async () => {
  // No worker: what is under test ends at the ledger's commit.
  stack = await startStack({ worker: false });
  const keyRing = singleKeyRing(TEST_SECRETS.encryptionKey);
  const target = stack.connectionIds.warehouse ?? '';
  for (const scheme of SCHEMES) {
    const connection = await stack.db.connection.create({
      data: {
        tenantId: stack.tenantId,
        key: scheme.key,
        name: `Dockyard (${scheme.key})`,
        provider: 'http',
        baseUrl: stack.dockyard.url,
        settings: {
          inbound: {
            signature: scheme.signature,
            eventId: 'event_id',
            topic: 'type',
            eventTypes: { 'shipment_order.delivered': 'shipment.delivered' },
            objectId: 'data.id',
            businessKey: 'data.reference',
            customerEmail: 'data.recipient.email',
          },
        },
        webhookSecretEncrypted: keyRing.seal(scheme.secret),
      },
      select: { id: true },
    });
    connectionIds[scheme.key] = connection.id;
    await stack.db.flow.create({
      data: {
        tenantId: stack.tenantId,
        key: `${scheme.key}-delivered`,
        name: `${scheme.key}: delivered`,
        sourceConnectionId: connection.id,
        eventType: 'shipment.delivered',
        targetConnectionId: target,
        operation: 'create_fulfilment',
      },
    });
  }
});
afterAll(async () => {
  await stack?.stop();
});

describe('generic HTTP inbound through the app', () => {
  const signing = SCHEMES.filter((s) => s.signature.scheme !== 'path_token');

  it.each(signing.map((s) => [s.signature.scheme, s.key, s] as const))(
    '%s (%s): a signed delivery is accepted and recorded; one byte changed is refused',
    async (_scheme, key, scheme) => {
      const { eventId, body } = delivery(`R-${key}`);
      const signed = scheme.sign(body, eventId);
      const accepted = await post(ingestUrl(key), body, signed);
      expect(accepted).toMatchObject({
        status: 202,
        json: { status: 'accepted', transactions: 1 },
      });
      const recorded = await stack.db.inboundEvent.findUniqueOrThrow({
        where: { id: String(accepted.json.inboundEventId) },
        include: { transactions: { select: { businessKey: true, sourceObjectId: true } } },
      });
      expect(recorded).toMatchObject({
        connectionId: connectionIds[key],
        status: 'accepted',
        signatureVerdict: 'valid',
        providerEventId: eventId,
        topic: 'shipment_order.delivered',
        body,
      });
      expect(recorded.transactions).toEqual([
        { businessKey: `R-${key}`, sourceObjectId: expect.stringMatching(/^DY-/) as unknown },
      ]);
      // the signature is not kept with the event
      const signature = scheme.secretHeader ? signed[scheme.secretHeader] : undefined;
      if (signature) expect(JSON.stringify(recorded.headers)).not.toContain(signature);

      const before = await refusedCount(key);
      const changed = delivery(`X-${key}`);
      const headers = scheme.sign(changed.body, changed.eventId);
      const tampered = changed.body.replace(`X-${key}`, `Y-${key}`);
      expect(tampered).not.toBe(changed.body);
      const refused = await post(ingestUrl(key), tampered, headers);
      expect(refused).toEqual({
        status: 401,
        json: { error: 'INVALID_SIGNATURE', message: 'the signature could not be verified' },
      });
      expect(await latestRefusal(key)).toMatchObject({
        status: 'rejected',
        signatureVerdict: 'invalid',
        rejectReason: 'signature invalid',
        body: tampered,
        dedupeKey: null,
      });
      expect(await refusedCount(key)).toBe(before + 1);
      expect(
        await stack.db.inboundEvent.count({ where: { providerEventId: changed.eventId } }),
      ).toBe(0);
    },
  );

  it('an unsigned delivery to a signing connection is refused as missing', async () => {
    const { body } = delivery('U-1');
    expect((await post(ingestUrl('dock-hmac-hex'), body, {})).status).toBe(401);
    expect(await latestRefusal('dock-hmac-hex')).toMatchObject({ signatureVerdict: 'missing' });
  });

  it('path_token: the right token is accepted, a wrong or absent one is refused', async () => {
    const key = 'dock-token';
    const good = delivery('T-1');
    const accepted = await post(ingestUrl(key, PATH_TOKEN), good.body, {});
    expect(accepted).toMatchObject({ status: 202, json: { status: 'accepted', transactions: 1 } });
    expect(
      await stack.db.inboundEvent.findUniqueOrThrow({
        where: { id: String(accepted.json.inboundEventId) },
      }),
    ).toMatchObject({
      status: 'accepted',
      signatureVerdict: 'valid',
      providerEventId: good.eventId,
    });

    const before = await refusedCount(key);
    const wrong = delivery('T-2');
    const wrongToken = `${PATH_TOKEN.slice(0, -1)}${PATH_TOKEN.endsWith('A') ? 'B' : 'A'}`;
    expect((await post(ingestUrl(key, wrongToken), wrong.body, {})).status).toBe(401);
    expect(await latestRefusal(key)).toMatchObject({
      signatureVerdict: 'invalid',
      body: wrong.body,
    });
    // the token is the proof: it is never stored with the refusal
    expect(JSON.stringify(await latestRefusal(key))).not.toContain(wrongToken);
    expect((await post(ingestUrl(key), wrong.body, {})).status).toBe(401);
    expect(await latestRefusal(key)).toMatchObject({ signatureVerdict: 'missing' });
    expect(await refusedCount(key)).toBe(before + 2);
    expect(await stack.db.inboundEvent.count({ where: { providerEventId: wrong.eventId } })).toBe(
      0,
    );
  });

  it('a token in the path of an HMAC connection is refused, even a correctly signed delivery', async () => {
    const key = 'dock-hmac-hex';
    const before = await refusedCount(key);
    const { eventId, body } = delivery('P-1');
    const headers = { 'dock-signature': hex(HEX_SECRET, body) };
    expect((await post(ingestUrl(key, HEX_SECRET), body, headers)).status).toBe(401);
    expect((await post(ingestUrl(key, PATH_TOKEN), body, headers)).status).toBe(401);
    expect(await latestRefusal(key)).toMatchObject({ signatureVerdict: 'invalid' });
    expect(await refusedCount(key)).toBe(before + 2);
    expect(await stack.db.inboundEvent.count({ where: { providerEventId: eventId } })).toBe(0);
    // the same delivery on the connection's own path is fine
    expect((await post(ingestUrl(key), body, headers)).status).toBe(202);
  });
});
