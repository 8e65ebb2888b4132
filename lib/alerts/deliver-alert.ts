// Delivers one alert to its rule's webhook: a JSON POST, signed with HMAC-SHA256 when the rule has
// a secret, within a timeout, and only to a host the SSRF guard (webhook-url.ts) accepts. Never
// throws: the outcome is a value the evaluation records (deliveredAt, or deliveryError and a retry
// at the next evaluation).
//
// Signature: X-Waybill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
// The timestamp is inside the signed text so a captured delivery cannot be replayed later as new.
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveWebhookTarget, type Lookup, type ResolvedAddress } from './webhook-url';

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
  /** OUTBOUND_ALLOW_HOSTS: hosts or addresses the SSRF guard lets through */
  allowHosts?: readonly string[];
  /** for tests: resolves a host name (default: the system resolver) */
  lookup?: Lookup;
  now?: Date;
}): Promise<DeliveryOutcome> {
  // The guard runs before anything is sent: a refused URL is a delivery error, never a request.
  const target = await resolveWebhookTarget(input.url, input.allowHosts ?? [], input.lookup);
  if (!target.ok) return { ok: false, error: target.reason };
  const body = JSON.stringify(input.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': 'Waybill-Alerts/1',
  };
  if (input.secret)
    headers[SIGNATURE_HEADER] = signAlert(input.secret, body, input.now ?? new Date());
  try {
    const status = await post(target.url, target.addresses[0], headers, body, input.timeoutMs);
    if (status >= 200 && status < 300) return { ok: true };
    return { ok: false, error: `the receiver answered HTTP ${status}` };
  } catch (error) {
    return { ok: false, error: describe(error, input.timeoutMs) };
  }
}

const TIMED_OUT = 'WAYBILL_ALERT_TIMEOUT';

/**
 * One POST over node:http(s), connecting to the address the guard checked: the `lookup` hook
 * answers with it instead of asking DNS again, so the name cannot be re-pointed in between.
 * Redirects are not followed (a 3xx is a failed delivery), so a receiver cannot bounce the
 * request inward either.
 */
function post(
  url: URL,
  pinned: ResolvedAddress | undefined,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if (!pinned) return callback(new Error('no address'), '', 4);
    if (options.all) return callback(null, [pinned]);
    callback(null, pinned.address, pinned.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const request = send(url, { method: 'POST', headers, lookup, agent: false }, (response) => {
      // Drain the body so the socket is released; its content does not matter.
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    const timer = setTimeout(
      () => request.destroy(Object.assign(new Error('timed out'), { code: TIMED_OUT })),
      timeoutMs,
    );
    request.on('close', () => clearTimeout(timer));
    request.on('error', reject);
    request.end(body);
  });
}

/** Words for the rules screen; never the URL's credentials or the secret. */
function describe(error: unknown, timeoutMs: number): string {
  const code =
    error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined;
  if (code === TIMED_OUT) return `the receiver did not answer within ${timeoutMs} ms`;
  if (code === 'ECONNREFUSED') return 'the receiver refused the connection';
  if (code === 'ENOTFOUND') return "the receiver's host name is unknown";
  return code ? `delivery failed (${code})` : 'delivery failed';
}
