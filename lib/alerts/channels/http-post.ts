// One guarded JSON POST for the HTTP channels (webhook, Slack, PagerDuty): the URL passes the
// outbound guard (lib/outbound, through webhook-url.ts) on the addresses DNS gives right now, and
// the request connects to the checked address. Never throws: the outcome is a value.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveWebhookTarget, type Lookup, type ResolvedAddress } from '../webhook-url';
import type { DeliveryOutcome } from './message';

export interface PostContext {
  timeoutMs: number;
  /** OUTBOUND_ALLOW_HOSTS: hosts or addresses the guard lets through although internal */
  allowHosts?: readonly string[];
  /** resolves host names (default: the system resolver); tests stand in a rebinding DNS */
  lookup?: Lookup;
}

export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  ctx: PostContext,
): Promise<DeliveryOutcome> {
  // The guard runs before anything is sent: a refused URL is a delivery error, never a request.
  const target = await resolveWebhookTarget(url, ctx.allowHosts ?? [], ctx.lookup);
  if (!target.ok) return { ok: false, error: target.reason };
  const all = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': 'Waybill-Alerts/2',
    ...headers,
  };
  try {
    const status = await post(target.url, target.addresses[0], all, body, ctx.timeoutMs);
    if (status >= 200 && status < 300) return { ok: true };
    return { ok: false, error: `the receiver answered HTTP ${status}` };
  } catch (error) {
    return { ok: false, error: describe(error, ctx.timeoutMs) };
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
export function describe(error: unknown, timeoutMs: number): string {
  const code =
    error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined;
  if (code === TIMED_OUT) return `the receiver did not answer within ${timeoutMs} ms`;
  if (code === 'ECONNREFUSED') return 'the receiver refused the connection';
  if (code === 'ENOTFOUND') return "the receiver's host name is unknown";
  return code ? `delivery failed (${code})` : 'delivery failed';
}
