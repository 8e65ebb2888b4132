// Signing per the Standard Webhooks specification (standardwebhooks.com): the headers webhook-id,
// webhook-timestamp (unix seconds) and webhook-signature, "v1,<base64 HMAC-SHA256>" of
// "<id>.<timestamp>.<body>" keyed with the base64-decoded part of a "whsec_<base64>" secret.
// Several signatures are space-separated, as the specification allows: during a secret rotation's
// overlap every delivery carries one per secret, so receivers may switch at their own pace.
import { createHmac, randomBytes } from 'node:crypto';

export const WEBHOOK_ID = 'webhook-id';
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE = 'webhook-signature';

const PREFIX = 'whsec_';

/** whsec_ + 32 random bytes in standard base64 (the encoding the specification's libraries read) */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * The HMAC key of a secret. Node's base64 decoder also reads base64url, so secrets made before
 * this scheme (whsec_ + base64url) still sign; receivers' libraries may not read them: rotate.
 */
function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
}

export function signatureOf(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`);
  return `v1,${mac.digest('base64')}`;
}

/** The three headers for one message; one signature per secret, in the order given. */
export function standardWebhookHeaders(input: {
  id: string;
  at: Date;
  body: string;
  secrets: readonly string[];
}): Record<string, string> {
  const timestamp = Math.floor(input.at.getTime() / 1000);
  return {
    [WEBHOOK_ID]: input.id,
    [WEBHOOK_TIMESTAMP]: String(timestamp),
    [WEBHOOK_SIGNATURE]: input.secrets
      .map((secret) => signatureOf(secret, input.id, timestamp, input.body))
      .join(' '),
  };
}
