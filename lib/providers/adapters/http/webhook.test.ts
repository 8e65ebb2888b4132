// A generic connection's inbound side: each signature scheme verified over the raw bytes (signed
// with the same helpers senders' tests use), and the event read from body and headers by JSONata.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHmacBase64 } from '../../signatures/hmac-base64';
import { signStandardWebhook } from '../../signatures/standard-webhooks';
import { signStripe } from '../../signatures/stripe';
import { httpSettings } from './settings';
import { configuredWebhook, verifyHmacHex, verifyPathToken } from './webhook';

const SECRET = 'dockhook_0123456789abcdef';
const WHSEC = `whsec_${randomBytes(24).toString('base64')}`;
const now = new Date();
const nowSeconds = Math.floor(now.getTime() / 1000);

const event = {
  event_id: 'evt_000042',
  type: 'shipment_order.delivered',
  occurred_at: '2025-06-01T12:03:00.000Z',
  data: {
    id: 'DY-000042',
    reference: '1047',
    state: 'delivered',
    version: 7,
    recipient: { name: 'Ada', email: 'ada@example.com' },
  },
};
const raw = JSON.stringify(event);
const body = Buffer.from(raw);
const hex = (secret: string, bytes: Buffer | string) =>
  createHmac('sha256', secret).update(bytes).digest('hex');

function source(signature: unknown, extra: Record<string, unknown> = {}) {
  const inbound = httpSettings.parse({
    inbound: {
      signature,
      eventId: 'event_id',
      topic: 'type',
      eventTypes: { 'shipment_order.delivered': 'shipment.delivered' },
      objectId: 'data.id',
      businessKey: 'data.reference',
      ...extra,
    },
  }).inbound;
  if (!inbound) throw new Error('no inbound settings');
  return configuredWebhook(inbound);
}

const verify = (s: ReturnType<typeof source>, headers: Record<string, string>, bytes = body) =>
  s.verify(bytes, new Headers(headers), [SECRET], now);
const tampered = Buffer.from(raw.replace('1047', '1048'));

describe('generic webhook verify', () => {
  it('hmac_hex without a prefix: lower or upper case hex of the raw body', () => {
    const s = source({ scheme: 'hmac_hex', header: 'Dock-Signature' });
    expect(s.secretHeaders).toEqual(['dock-signature']);
    expect(verify(s, { 'dock-signature': hex(SECRET, body) })).toBe('valid');
    expect(verify(s, { 'dock-signature': hex(SECRET, body).toUpperCase() })).toBe('valid');
    expect(verify(s, { 'dock-signature': hex(SECRET, body) }, tampered)).toBe('invalid');
    expect(verify(s, { 'dock-signature': hex('another-secret', body) })).toBe('invalid');
    expect(verify(s, { 'dock-signature': 'not-hex' })).toBe('invalid');
    expect(verify(s, {})).toBe('missing');
  });

  it('hmac_hex with a prefix: required, compared case-insensitively', () => {
    const s = source({ scheme: 'hmac_hex', header: 'X-Hub-Signature-256', prefix: 'sha256=' });
    const digest = hex(SECRET, body);
    expect(verify(s, { 'x-hub-signature-256': `sha256=${digest}` })).toBe('valid');
    expect(verify(s, { 'x-hub-signature-256': `SHA256=${digest}` })).toBe('valid');
    expect(verify(s, { 'x-hub-signature-256': digest })).toBe('invalid');
    expect(verify(s, { 'x-hub-signature-256': `sha1=${digest}` })).toBe('invalid');
  });

  it('hmac_hex accepts the previous secret during a rotation and skips empty secrets', () => {
    expect(verifyHmacHex(body, hex('old-secret', body), '', ['', 'new', 'old-secret'])).toBe(
      'valid',
    );
    expect(verifyHmacHex(body, hex('', body), '', [''])).toBe('invalid');
  });

  it('hmac_base64', () => {
    const s = source({ scheme: 'hmac_base64', header: 'X-Signature' });
    expect(s.secretHeaders).toEqual(['x-signature']);
    expect(verify(s, { 'x-signature': signHmacBase64(body, SECRET) })).toBe('valid');
    expect(verify(s, { 'x-signature': signHmacBase64(body, SECRET) }, tampered)).toBe('invalid');
    expect(verify(s, { 'x-signature': signHmacBase64(body, 'wrong') })).toBe('invalid');
    expect(verify(s, {})).toBe('missing');
  });

  it('stripe: t=,v1= within the tolerance, in the configured header', () => {
    const s = source({ scheme: 'stripe' });
    expect(s.secretHeaders).toEqual(['stripe-signature']);
    expect(verify(s, { 'stripe-signature': signStripe(body, SECRET, nowSeconds) })).toBe('valid');
    expect(verify(s, { 'stripe-signature': signStripe(body, SECRET, nowSeconds) }, tampered)).toBe(
      'invalid',
    );
    expect(verify(s, { 'stripe-signature': signStripe(body, SECRET, nowSeconds - 3600) })).toBe(
      'invalid',
    );
    const custom = source({ scheme: 'stripe', header: 'X-Sig' });
    expect(verify(custom, { 'x-sig': signStripe(body, SECRET, nowSeconds) })).toBe('valid');
    expect(verify(custom, { 'stripe-signature': signStripe(body, SECRET, nowSeconds) })).toBe(
      'missing',
    );
  });

  it('standard_webhooks: id, timestamp and v1 signature with a whsec_ secret', () => {
    const s = source({ scheme: 'standard_webhooks' });
    expect(s.secretHeaders).toEqual(['webhook-signature']);
    const headers = (bytes: Buffer, at = nowSeconds) => ({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(at),
      'webhook-signature': signStandardWebhook(bytes, WHSEC, 'msg_1', at),
    });
    const check = (h: Record<string, string>, bytes = body) =>
      s.verify(bytes, new Headers(h), [WHSEC], now);
    expect(check(headers(body))).toBe('valid');
    expect(check(headers(body), tampered)).toBe('invalid');
    expect(check(headers(body, nowSeconds - 3600))).toBe('invalid');
    expect(check({ ...headers(body), 'webhook-id': 'msg_2' })).toBe('invalid');
    expect(check({})).toBe('missing');
  });

  it('path_token: the token in the path is the proof; headers sign nothing', () => {
    const s = source({ scheme: 'path_token' });
    expect(s.pathToken).toBe(true);
    expect(s.secretHeaders).toEqual([]);
    const extras = (pathToken?: string) => (pathToken === undefined ? {} : { pathToken });
    expect(s.verify(body, new Headers(), [SECRET], now, extras(SECRET))).toBe('valid');
    expect(s.verify(tampered, new Headers(), [SECRET], now, extras(SECRET))).toBe('valid');
    expect(s.verify(body, new Headers(), [SECRET], now, extras(`${SECRET}x`))).toBe('invalid');
    expect(s.verify(body, new Headers(), [SECRET], now, extras('short'))).toBe('invalid');
    expect(s.verify(body, new Headers(), [SECRET], now, extras())).toBe('missing');
    expect(verifyPathToken('', [''])).toBe('missing');
    expect(verifyPathToken('x', [''])).toBe('invalid');
    expect(verifyPathToken('old', ['new', 'old'])).toBe('valid');
    // HMAC schemes never take a path token
    expect(source({ scheme: 'hmac_hex', header: 'X-S' }).pathToken).toBe(false);
  });
});

describe('generic webhook parse', () => {
  const parse = async (s: ReturnType<typeof source>, json: unknown, headers = new Headers()) =>
    s.parse(Buffer.from(JSON.stringify(json)), json, headers);

  it('reads id, topic, object, business key and the whole body as payload', async () => {
    const result = await parse(source({ scheme: 'path_token' }), event);
    expect(result).toEqual({
      ok: true,
      webhook: {
        providerEventId: 'evt_000042',
        topic: 'shipment_order.delivered',
        eventType: 'shipment.delivered',
        objects: [{ sourceObjectId: 'DY-000042', businessKey: '1047', payload: event }],
      },
    });
  });

  it('binds $headers (lower-case names) and reads the optional fields', async () => {
    const s = source(
      { scheme: 'path_token' },
      {
        eventId: "$headers.'dock-event-id'",
        sequence: 'data.version',
        stateKey: 'data.state',
        customerEmail: 'data.recipient.email',
        payload: '{ "order": data.reference, "state": data.state }',
      },
    );
    const result = await parse(s, event, new Headers({ 'Dock-Event-Id': 'evt_from_header' }));
    expect(result).toEqual({
      ok: true,
      webhook: {
        providerEventId: 'evt_from_header',
        topic: 'shipment_order.delivered',
        eventType: 'shipment.delivered',
        objects: [
          {
            sourceObjectId: 'DY-000042',
            businessKey: '1047',
            payload: { order: '1047', state: 'delivered' },
            sequence: 7,
            stateKey: 'delivered',
            customerEmail: 'ada@example.com',
          },
        ],
      },
    });
  });

  it('a sequence that is not a number is left out', async () => {
    const s = source({ scheme: 'path_token' }, { sequence: 'data.state' });
    const result = await parse(s, event);
    expect(result.ok && result.webhook.objects[0]).not.toHaveProperty('sequence');
  });

  it('a topic without a canonical event type is recorded with eventType null and no objects', async () => {
    const s = source({ scheme: 'path_token' });
    for (const type of ['shipment_order.booked', 'constructor', 'toString'])
      expect(await parse(s, { ...event, type })).toEqual({
        ok: true,
        webhook: { providerEventId: 'evt_000042', topic: type, eventType: null, objects: [] },
      });
  });

  it('names what is missing: event id, topic, object id, business key', async () => {
    const s = source({ scheme: 'path_token' });
    const { event_id: _id, ...noId } = event;
    expect(await parse(s, noId)).toEqual({ ok: false, reason: 'no event id at `event_id`' });
    expect(await parse(s, { ...event, event_id: '' })).toMatchObject({ ok: false });
    expect(await parse(s, { ...event, type: null })).toEqual({
      ok: false,
      reason: 'no event type at `type`',
    });
    expect(await parse(s, { ...event, data: { ...event.data, id: null } })).toEqual({
      ok: false,
      reason: 'no object id at `data.id`',
    });
    expect(await parse(s, { ...event, data: { ...event.data, reference: {} } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('data.reference') as unknown,
    });
  });

  it('an expression that fails becomes a reason, not an exception', async () => {
    const s = source({ scheme: 'path_token' }, { objectId: '$error("no object here")' });
    expect(await parse(s, event)).toEqual({
      ok: false,
      reason: expect.stringContaining('no object here') as unknown,
    });
  });
});
