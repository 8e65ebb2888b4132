// Shopify's scheme: header = base64(HMAC-SHA256(secret, raw body bytes)). Verified over the exact
// bytes received, never over re-serialised JSON.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = 'valid' | 'invalid' | 'missing';

export function signHmacBase64(body: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export function verifyHmacBase64(
  body: Buffer,
  header: string | null,
  secrets: readonly string[],
): SignatureCheck {
  if (!header) return 'missing';
  const given = Buffer.from(header, 'base64');
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    if (given.length === expected.length && timingSafeEqual(given, expected)) return 'valid';
  }
  return 'invalid';
}
