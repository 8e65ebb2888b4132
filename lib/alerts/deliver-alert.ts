// Delivers one alert to its rule's webhook: a JSON POST, signed with HMAC-SHA256 when the rule has
// a secret, within a timeout. Never throws: the outcome is a value the evaluation records
// (deliveredAt, or deliveryError and a retry at the next evaluation).
//
// Signature: X-Waybill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
// The timestamp is inside the signed text so a captured delivery cannot be replayed later as new.
import { createHmac } from 'node:crypto';

export interface AlertPayload {
  event: { id: string; groupKey: string; occurrences: number };
  rule: { id: string; name: string; kind: string };
  reason: string;
  errorClass: string | null;
  counts: Record<string, number>;
  firstAt: string;
  lastAt: string;
  link: string;
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

export const SIGNATURE_HEADER = 'x-waybill-signature';

export function signAlert(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${mac}`;
}

export async function deliverAlert(input: {
  url: string;
  payload: AlertPayload;
  /** the opened secret, or null to send unsigned */
  secret: string | null;
  timeoutMs: number;
  now?: Date;
}): Promise<DeliveryOutcome> {
  const body = JSON.stringify(input.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Waybill-Alerts/1',
  };
  if (input.secret)
    headers[SIGNATURE_HEADER] = signAlert(input.secret, body, input.now ?? new Date());
  try {
    const response = await fetch(input.url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    // Drain the body so the socket is released; its content does not matter.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, error: `the receiver answered HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: describe(error, input.timeoutMs) };
  }
}

/** Words for the rules screen; never the URL's credentials or the secret. */
function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return `the receiver did not answer within ${timeoutMs} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code =
    cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  if (code === 'ECONNREFUSED') return 'the receiver refused the connection';
  if (code === 'ENOTFOUND') return "the receiver's host name is unknown";
  return code ? `delivery failed (${code})` : 'delivery failed';
}
