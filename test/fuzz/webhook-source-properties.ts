// Every adapter's webhook verify and parse under arbitrary bytes, headers and JSON: they never
// throw, a signature made with another secret never verifies, one changed byte breaks a good
// signature, and whatever parse accepts is well-formed for the ledger. The generic HTTP kind has no
// webhook of its own: each connection's settings build one (a signature scheme and JSONata over
// body and headers), so two configured webhooks stand for it.
//
// Two test files run these properties, the native providers' schemes and the generic ones, so the
// two test workers share the file's time budget instead of one worker spending all of it.
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adapterFor } from '@/lib/providers/registry';
import type { WebhookSource } from '@/lib/providers/port';
import { signHmacBase64 } from '@/lib/providers/signatures/hmac-base64';
import { signStandardWebhook } from '@/lib/providers/signatures/standard-webhooks';
import { signStripe } from '@/lib/providers/signatures/stripe';
import { anyJson, fuzzParams, fuzzTimeout, headerName, headerValue, hostileText } from './budget';

/** The whole budget, shared by every property of every scheme (adding one splits it). */
const TOTAL_SECONDS = 48;
const PROPERTIES_PER_SCHEME = 4;

interface Scheme {
  /** what the suite is titled by */
  name: string;
  kind: string;
  /** the connection's settings (the generic HTTP kind's webhook is built from them) */
  settings?: unknown;
  secret: () => string;
  /** the headers a sender signing `body` with `secret` at `now` would send */
  sign: (body: Buffer, secret: string, now: Date) => Record<string, string>;
}

const standardWebhookHeaders = (body: Buffer, secret: string, now: Date) => {
  const id = `msg_${randomBytes(6).toString('hex')}`;
  const ts = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signStandardWebhook(body, secret, id, ts),
  };
};

/** A generic connection's inbound settings as docs/generic-http.md describes them. */
const genericInbound = (signature: unknown, fields: Record<string, string> = {}) => ({
  inbound: {
    signature,
    eventId: 'event_id',
    topic: 'type',
    eventTypes: { 'shipment_order.delivered': 'shipment.delivered', constructor: 'x.y' },
    objectId: 'data.id',
    businessKey: 'data.reference',
    ...fields,
  },
});

const SCHEMES: Scheme[] = [
  {
    name: 'commerce',
    kind: 'commerce',
    secret: () => randomBytes(16).toString('hex'),
    sign: (body, secret) => ({ 'x-shopify-hmac-sha256': signHmacBase64(body, secret) }),
  },
  {
    name: 'payments',
    kind: 'payments',
    secret: () => `whsec_${randomBytes(16).toString('hex')}`,
    sign: (body, secret, now) => ({
      'stripe-signature': signStripe(body, secret, now.getTime() / 1000),
    }),
  },
  {
    name: 'warehouse',
    kind: 'warehouse',
    secret: () => `whsec_${randomBytes(24).toString('base64')}`,
    sign: standardWebhookHeaders,
  },
  {
    name: 'generic HTTP (hmac_hex with a prefix)',
    kind: 'http',
    settings: genericInbound(
      { scheme: 'hmac_hex', header: 'X-Hub-Signature-256', prefix: 'sha256=' },
      {
        sequence: 'data.version',
        stateKey: 'data.state',
        customerEmail: 'data.recipient.email',
      },
    ),
    secret: () => randomBytes(16).toString('hex'),
    sign: (body, secret) => ({
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    }),
  },
  {
    name: 'generic HTTP (standard_webhooks)',
    kind: 'http',
    settings: genericInbound(
      { scheme: 'standard_webhooks' },
      {
        eventId: "$headers.'webhook-id'",
        payload: '{ "order": data.reference, "state": data.state, "n": $count(data.*) }',
      },
    ),
    secret: () => `whsec_${randomBytes(24).toString('base64')}`,
    sign: standardWebhookHeaders,
  },
];

const SECONDS = TOTAL_SECONDS / (SCHEMES.length * PROPERTIES_PER_SCHEME);

const headersOf = (entries: Record<string, string>) => new Headers(Object.entries(entries));
const arbitraryHeaders = fc.dictionary(headerName, headerValue, { maxKeys: 8 });
const arbitraryBody = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
  anyJson.map((j) => Buffer.from(JSON.stringify(j))),
);

function source({ name, kind, settings }: Scheme): WebhookSource {
  const webhook = adapterFor({ provider: kind, settings: settings ?? null }).webhook;
  if (!webhook) throw new Error(`${name} has no webhook source`);
  return webhook;
}

/** The providers' own schemes, and the generic HTTP kind's configured ones. */
export const NATIVE_SCHEMES = SCHEMES.filter((scheme) => scheme.kind !== 'http');
export const GENERIC_SCHEMES = SCHEMES.filter((scheme) => scheme.kind === 'http');

/** Declares the four properties for each of `schemes`. */
export const fuzzWebhookSources = (schemes: Scheme[]) =>
  describe.each(schemes)('$name webhook source under arbitrary input', (scheme) => {
    const webhook = source(scheme);
    const now = new Date();

    it(
      'verify never throws and never accepts what another secret signed',
      () => {
        const secret = scheme.secret();
        fc.assert(
          fc.property(
            arbitraryBody,
            arbitraryHeaders,
            fc.boolean(),
            (body, extra, signedByOther) => {
              const signed = signedByOther ? scheme.sign(body, scheme.secret(), now) : {};
              const verdict = webhook.verify(
                body,
                headersOf({ ...extra, ...signed }),
                [secret],
                now,
              );
              expect(['invalid', 'missing']).toContain(verdict);
            },
          ),
          fuzzParams(SECONDS),
        );
      },
      fuzzTimeout(SECONDS),
    );

    it(
      'a good signature verifies, and any changed byte of the body breaks it',
      () => {
        const secret = scheme.secret();
        fc.assert(
          fc.property(
            arbitraryBody,
            fc.nat(),
            fc.integer({ min: 1, max: 255 }),
            (body, at, flip) => {
              const headers = headersOf(scheme.sign(body, secret, now));
              expect(webhook.verify(body, headers, ['rotated-out', secret], now)).toBe('valid');
              if (body.length === 0) return;
              const changed = Buffer.from(body);
              const index = at % changed.length;
              changed[index] = (changed[index] ?? 0) ^ flip;
              expect(webhook.verify(changed, headers, [secret], now)).toBe('invalid');
            },
          ),
          fuzzParams(SECONDS),
        );
      },
      fuzzTimeout(SECONDS),
    );

    it(
      'hostile signature header values are refused, not thrown',
      () => {
        const secret = scheme.secret();
        const names = Object.keys(scheme.sign(Buffer.from('{}'), secret, now));
        fc.assert(
          fc.property(
            fc.subarray(names, { minLength: 1 }),
            headerValue,
            arbitraryBody,
            (which, value, body) => {
              const headers = { ...scheme.sign(body, secret, now) };
              for (const name of which) headers[name] = value;
              const verdict = webhook.verify(body, headersOf(headers), [secret], now);
              expect(['valid', 'invalid', 'missing']).toContain(verdict);
            },
          ),
          fuzzParams(SECONDS),
        );
      },
      fuzzTimeout(SECONDS),
    );

    it(
      'parse never throws, and what it accepts is well-formed for the ledger',
      async () => {
        const topics = [
          'constructor',
          'valueOf',
          '__proto__',
          'orders/paid',
          'orders/create',
          'refunds/create',
          'payment_intent.succeeded',
          'fulfilment.status_changed',
          'shipment_order.delivered',
        ];
        const json = fc.oneof(
          anyJson,
          // shapes close to real ones, with hostile leaves
          fc.record({
            id: fc.oneof(hostileText, fc.integer()),
            type: fc.constantFrom(...topics),
            order_number: fc.oneof(hostileText, fc.integer()),
            email: hostileText,
            data: fc.record({
              object: fc.record({
                id: hostileText,
                metadata: fc.record({ order_number: hostileText }),
              }),
            }),
          }),
          // the generic connections' shape (docs/generic-http.md), hostile leaves and all
          fc.record({
            event_id: fc.oneof(hostileText, fc.integer(), anyJson),
            type: fc.oneof(fc.constantFrom(...topics), hostileText),
            data: fc.record({
              id: fc.oneof(hostileText, fc.integer(), anyJson),
              reference: fc.oneof(hostileText, fc.integer()),
              state: hostileText,
              version: fc.oneof(fc.integer(), hostileText, fc.double()),
              recipient: fc.record({ email: fc.oneof(hostileText, anyJson) }),
            }),
          }),
          fc.record({
            type: fc.constant('fulfilment.status_changed'),
            data: fc.record({
              fulfilment: fc.record({
                id: hostileText,
                order_number: hostileText,
                status: fc.oneof(hostileText, fc.constantFrom('valueOf', 'toString', 'SENT')),
              }),
            }),
          }),
        );
        const headers = fc.record({
          'x-shopify-topic': fc.constantFrom(...topics),
          'x-shopify-webhook-id': headerValue,
          'webhook-id': headerValue,
        });
        await fc.assert(
          fc.asyncProperty(json, headers, arbitraryHeaders, async (value, known, extra) => {
            const raw = Buffer.from(JSON.stringify(value) ?? 'null');
            const result = await webhook.parse(raw, value, headersOf({ ...extra, ...known }));
            if (!result.ok) {
              expect(typeof result.reason).toBe('string');
              expect(result.reason.length).toBeGreaterThan(0);
              return;
            }
            expect(typeof result.webhook.providerEventId).toBe('string');
            expect(typeof result.webhook.topic).toBe('string');
            for (const object of result.webhook.objects) {
              expect(typeof object.sourceObjectId).toBe('string');
              expect(typeof object.businessKey).toBe('string');
              if (object.sequence !== undefined)
                expect(Number.isFinite(object.sequence)).toBe(true);
            }
          }),
          fuzzParams(SECONDS),
        );
      },
      fuzzTimeout(SECONDS),
    );
  });
