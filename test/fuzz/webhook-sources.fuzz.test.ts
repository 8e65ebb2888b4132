// Every adapter's webhook verify and parse under arbitrary bytes, headers and JSON: they never
// throw, a signature made with another secret never verifies, one changed byte breaks a good
// signature, and whatever parse accepts is well-formed for the ledger.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/lib/providers/registry';
import type { WebhookSource } from '@/lib/providers/port';
import { signHmacBase64 } from '@/lib/providers/signatures/hmac-base64';
import { signStandardWebhook } from '@/lib/providers/signatures/standard-webhooks';
import { signStripe } from '@/lib/providers/signatures/stripe';
import { anyJson, fuzzParams, fuzzTimeout, headerName, headerValue, hostileText } from './budget';

const SECONDS = 4;

interface Scheme {
  kind: string;
  secret: () => string;
  /** the headers a sender signing `body` with `secret` at `now` would send */
  sign: (body: Buffer, secret: string, now: Date) => Record<string, string>;
}

const SCHEMES: Scheme[] = [
  {
    kind: 'commerce',
    secret: () => randomBytes(16).toString('hex'),
    sign: (body, secret) => ({ 'x-shopify-hmac-sha256': signHmacBase64(body, secret) }),
  },
  {
    kind: 'payments',
    secret: () => `whsec_${randomBytes(16).toString('hex')}`,
    sign: (body, secret, now) => ({
      'stripe-signature': signStripe(body, secret, now.getTime() / 1000),
    }),
  },
  {
    kind: 'warehouse',
    secret: () => `whsec_${randomBytes(24).toString('base64')}`,
    sign: (body, secret, now) => {
      const id = `msg_${randomBytes(6).toString('hex')}`;
      const ts = Math.floor(now.getTime() / 1000);
      return {
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': signStandardWebhook(body, secret, id, ts),
      };
    },
  },
];

const headersOf = (entries: Record<string, string>) => new Headers(Object.entries(entries));
const arbitraryHeaders = fc.dictionary(headerName, headerValue, { maxKeys: 8 });
const arbitraryBody = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
  anyJson.map((j) => Buffer.from(JSON.stringify(j))),
);

function source(kind: string): WebhookSource {
  const webhook = getAdapter(kind).webhook;
  if (!webhook) throw new Error(`${kind} has no webhook source`);
  return webhook;
}

describe.each(SCHEMES)('$kind webhook source under arbitrary input', (scheme) => {
  const webhook = source(scheme.kind);
  const now = new Date();

  it(
    'verify never throws and never accepts what another secret signed',
    () => {
      const secret = scheme.secret();
      fc.assert(
        fc.property(arbitraryBody, arbitraryHeaders, fc.boolean(), (body, extra, signedByOther) => {
          const signed = signedByOther ? scheme.sign(body, scheme.secret(), now) : {};
          const verdict = webhook.verify(body, headersOf({ ...extra, ...signed }), [secret], now);
          expect(['invalid', 'missing']).toContain(verdict);
        }),
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
        fc.property(arbitraryBody, fc.nat(), fc.integer({ min: 1, max: 255 }), (body, at, flip) => {
          const headers = headersOf(scheme.sign(body, secret, now));
          expect(webhook.verify(body, headers, ['rotated-out', secret], now)).toBe('valid');
          if (body.length === 0) return;
          const changed = Buffer.from(body);
          const index = at % changed.length;
          changed[index] = (changed[index] ?? 0) ^ flip;
          expect(webhook.verify(changed, headers, [secret], now)).toBe('invalid');
        }),
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
            if (object.sequence !== undefined) expect(Number.isFinite(object.sequence)).toBe(true);
          }
        }),
        fuzzParams(SECONDS),
      );
    },
    fuzzTimeout(SECONDS),
  );
});
