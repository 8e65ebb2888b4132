// The Standard Webhooks spec (standardwebhooks.com): headers webhook-id, webhook-timestamp and
// webhook-signature ("v1,<base64> v1,<base64> …"), each signature being
// base64(HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")). The secret is `whsec_<base64 key>`:
// unlike Stripe, the HMAC key is the decoded bytes, not the string.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureCheck } from './hmac-base64';
import { DEFAULT_TOLERANCE_SECONDS, isFresh, parseUnixSeconds } from './timestamp';

export interface StandardWebhookHeaders {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

const PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** A 32-byte HMAC-SHA256 digest in padded standard base64. */
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The HMAC key of a `whsec_…` secret, or undefined when it is not base64. The prefix is optional, as
 * in the spec's reference libraries, so a key pasted without it still verifies.
 */
export function standardWebhookKey(secret: string): Buffer | undefined {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  // Buffer.from(…, 'base64') skips bad characters silently; a mistyped secret must not "work".
  if (!BASE64.test(encoded)) return undefined;
  const key = Buffer.from(encoded, 'base64');
  return key.length > 0 ? key : undefined;
}

function hmac(key: Buffer, id: string, timestamp: string, body: Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** Produces the webhook-signature value a sender would send (for tests and local tooling). */
export function signStandardWebhook(
  body: Buffer | string,
  secret: string,
  id: string,
  timestampSeconds: number,
): string {
  const key = standardWebhookKey(secret);
  if (!key) throw new Error('secret is not whsec_<base64>');
  const digest = hmac(key, id, String(Math.floor(timestampSeconds)), Buffer.from(body));
  return `v1,${digest.toString('base64')}`;
}

/** The v1 digests of the header; other versions (v1a is asymmetric) are not ours to check. */
function v1Signatures(header: string): Buffer[] {
  const out: Buffer[] = [];
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const value = entry.slice(comma + 1);
    if (SIGNATURE.test(value)) out.push(Buffer.from(value, 'base64'));
  }
  return out;
}

export function verifyStandardWebhook(
  body: Buffer,
  headers: StandardWebhookHeaders,
  secrets: readonly string[],
  now: Date,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!headers.signature?.trim()) return 'missing';
  // A signature without the id or timestamp it covers cannot be checked: refused, not "unsigned".
  const { id, timestamp } = headers;
  if (!id || !timestamp) return 'invalid';
  const signedAt = parseUnixSeconds(timestamp);
  if (signedAt === undefined || !isFresh(signedAt, now, toleranceSeconds)) return 'invalid';
  const given = v1Signatures(headers.signature);
  if (given.length === 0) return 'invalid';
  for (const secret of secrets) {
    const key = standardWebhookKey(secret);
    if (!key) continue;
    const expected = hmac(key, id, timestamp, body);
    if (given.some((candidate) => timingSafeEqual(candidate, expected))) return 'valid';
  }
  return 'invalid';
}

/** Reads the three headers from a request (Headers.get is case-insensitive). */
export function standardWebhookHeaders(headers: Headers): StandardWebhookHeaders {
  return {
    id: headers.get('webhook-id'),
    timestamp: headers.get('webhook-timestamp'),
    signature: headers.get('webhook-signature'),
  };
}
