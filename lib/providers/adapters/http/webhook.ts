// The inbound side of a generic HTTP connection: the signature scheme its settings name (every
// scheme Waybill verifies, or a long random token in the ingest path for senders that sign
// nothing), and the event's id, topic, object and customer picked from the body and headers by
// JSONata. A topic without a canonical event type is recorded and ignored, as for coded adapters.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundObject, WebhookParse, WebhookSource } from '../../port';
import { verifyHmacBase64 } from '../../signatures/hmac-base64';
import { standardWebhookHeaders, verifyStandardWebhook } from '../../signatures/standard-webhooks';
import { verifyStripe } from '../../signatures/stripe';
import {
  ConfigEvaluationError,
  evaluate,
  evaluateText,
  headerObject,
  scalarText,
} from './expressions';
import type { HttpSettings, SignatureSettings } from './settings';

type Inbound = NonNullable<HttpSettings['inbound']>;
type Verdict = 'valid' | 'invalid' | 'missing';

/** Lower-case hex HMAC-SHA256 of the raw body, after an optional prefix ("sha256="). */
export function verifyHmacHex(
  body: Buffer,
  header: string | null,
  prefix: string,
  secrets: readonly string[],
): Verdict {
  if (!header) return 'missing';
  const value = header.trim();
  if (!value.toLowerCase().startsWith(prefix.toLowerCase())) return 'invalid';
  const hex = value.slice(prefix.length);
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return 'invalid';
  const given = Buffer.from(hex, 'hex');
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = createHmac('sha256', secret).update(body).digest();
    if (timingSafeEqual(given, expected)) return 'valid';
  }
  return 'invalid';
}

/** The path token compared in constant time with each current secret. */
export function verifyPathToken(token: string | undefined, secrets: readonly string[]): Verdict {
  if (!token) return 'missing';
  const given = Buffer.from(token);
  for (const secret of secrets) {
    const expected = Buffer.from(secret);
    if (secret && given.length === expected.length && timingSafeEqual(given, expected))
      return 'valid';
  }
  return 'invalid';
}

function verifier(signature: SignatureSettings): WebhookSource['verify'] {
  switch (signature.scheme) {
    case 'hmac_hex':
      return (body, headers, secrets) =>
        verifyHmacHex(body, headers.get(signature.header), signature.prefix, secrets);
    case 'hmac_base64':
      return (body, headers, secrets) =>
        verifyHmacBase64(body, headers.get(signature.header), secrets);
    case 'stripe':
      return (body, headers, secrets, now) =>
        verifyStripe(body, headers.get(signature.header), secrets, now);
    case 'standard_webhooks':
      return (body, headers, secrets, now) =>
        verifyStandardWebhook(body, standardWebhookHeaders(headers), secrets, now);
    case 'path_token':
      return (_body, _headers, secrets, _now, extras) =>
        verifyPathToken(extras?.pathToken, secrets);
    default: {
      const exhaustive: never = signature;
      return exhaustive;
    }
  }
}

function signatureHeaders(signature: SignatureSettings): string[] {
  switch (signature.scheme) {
    case 'hmac_hex':
    case 'hmac_base64':
    case 'stripe':
      return [signature.header.toLowerCase()];
    case 'standard_webhooks':
      return ['webhook-signature'];
    case 'path_token':
      return [];
    default: {
      const exhaustive: never = signature;
      return exhaustive;
    }
  }
}

async function parse(inbound: Inbound, json: unknown, headers: Headers): Promise<WebhookParse> {
  const bindings = { headers: headerObject(headers) };
  const text = (expr: string, what: string) => evaluateText(expr, json, bindings, what);
  try {
    const providerEventId = await text(inbound.eventId, 'event id');
    if (providerEventId === null)
      return { ok: false, reason: `no event id at \`${inbound.eventId}\`` };
    const topic = await text(inbound.topic, 'topic');
    if (topic === null) return { ok: false, reason: `no event type at \`${inbound.topic}\`` };
    const eventType = Object.hasOwn(inbound.eventTypes, topic)
      ? inbound.eventTypes[topic]
      : undefined;
    if (eventType === undefined)
      return { ok: true, webhook: { providerEventId, topic, eventType: null, objects: [] } };
    const sourceObjectId = await text(inbound.objectId, 'object id');
    if (sourceObjectId === null)
      return { ok: false, reason: `no object id at \`${inbound.objectId}\`` };
    const businessKey = await text(inbound.businessKey, 'business key');
    if (businessKey === null)
      return { ok: false, reason: `no business key at \`${inbound.businessKey}\`` };
    const object: InboundObject = {
      sourceObjectId,
      businessKey,
      payload:
        inbound.payload === undefined
          ? json
          : await evaluate(inbound.payload, json, bindings, 'payload'),
    };
    if (inbound.sequence !== undefined) {
      const sequence = Number(
        scalarText(await evaluate(inbound.sequence, json, bindings, 'sequence')),
      );
      if (Number.isFinite(sequence)) object.sequence = sequence;
    }
    if (inbound.stateKey !== undefined) {
      const stateKey = await text(inbound.stateKey, 'state key');
      if (stateKey !== null) object.stateKey = stateKey;
    }
    if (inbound.customerEmail !== undefined) {
      const email = await text(inbound.customerEmail, 'customer email');
      if (email !== null) object.customerEmail = email;
    }
    return { ok: true, webhook: { providerEventId, topic, eventType, objects: [object] } };
  } catch (error) {
    if (error instanceof ConfigEvaluationError) return { ok: false, reason: error.message };
    throw error;
  }
}

export function configuredWebhook(inbound: Inbound): WebhookSource {
  return {
    secretHeaders: signatureHeaders(inbound.signature),
    verify: verifier(inbound.signature),
    parse: (_raw, json, headers) => parse(inbound, json, headers),
    pathToken: inbound.signature.scheme === 'path_token',
  };
}
