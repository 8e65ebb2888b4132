// Stripe's scheme: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` where each v1 is
// hex(HMAC-SHA256(secret, "<t>.<raw body>")). Stripe keys the HMAC with the whole `whsec_…` string
// as UTF-8 (no base64 decoding, unlike Standard Webhooks). Several v1 values appear while Stripe
// rolls an endpoint secret; v0 (legacy test-mode scheme) and unknown schemes are ignored.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureCheck } from './hmac-base64';
import { DEFAULT_TOLERANCE_SECONDS, isFresh, parseUnixSeconds } from './timestamp';

interface StripeHeader {
  timestamp: string;
  signatures: Buffer[];
}

function hmac(secret: string, timestamp: string, body: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** Produces the header Stripe would send (for tests and local tooling). */
export function signStripe(
  body: Buffer | string,
  secret: string,
  timestampSeconds: number,
): string {
  const t = String(Math.floor(timestampSeconds));
  return `t=${t},v1=${hmac(secret, t, Buffer.from(body)).toString('hex')}`;
}

/** Splits the header; undefined when it lacks exactly one timestamp or any well-formed v1. */
function parseHeader(header: string): StripeHeader | undefined {
  const timestamps: string[] = [];
  const signatures: Buffer[] = [];
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === 't') timestamps.push(value);
    // Buffer.from(…, 'hex') stops silently at the first bad character: check the shape first.
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value))
      signatures.push(Buffer.from(value, 'hex'));
  }
  // Two timestamps would let an attacker choose which one we check against the tolerance.
  const [timestamp] = timestamps;
  if (timestamps.length !== 1 || timestamp === undefined || signatures.length === 0) return;
  return { timestamp, signatures };
}

export function verifyStripe(
  body: Buffer,
  header: string | null,
  secrets: readonly string[],
  now: Date,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header?.trim()) return 'missing';
  const parsed = parseHeader(header);
  if (!parsed) return 'invalid';
  const signedAt = parseUnixSeconds(parsed.timestamp);
  if (signedAt === undefined || !isFresh(signedAt, now, toleranceSeconds)) return 'invalid';
  for (const secret of secrets) {
    // An empty key is an unconfigured secret, not one anybody should be able to sign with.
    if (!secret) continue;
    const expected = hmac(secret, parsed.timestamp, body);
    // Every candidate is 32 bytes (checked while parsing), as timingSafeEqual requires.
    if (parsed.signatures.some((given) => timingSafeEqual(given, expected))) return 'valid';
  }
  return 'invalid';
}
