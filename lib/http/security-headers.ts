// The headers proxy.ts puts on every request and response: a request id that logs and audit
// entries share, and the browser-side defences (CSP with a per-request nonce, no framing, no
// sniffing, HSTS on https). Pure functions of their inputs so they are tested without Next.
import { REQUEST_ID_HEADER, requestIdOf } from '@/lib/base/request-id';

export interface EdgeSettings {
  /** `next dev`: React's debugging needs eval, and HMR talks over a websocket */
  development: boolean;
  /** the app's public URL is https: HSTS and upgrade-insecure-requests make sense only then */
  https: boolean;
  /** TRUSTED_PROXY_HOPS > 0: an incoming x-request-id was set (or passed on) by our own proxy;
   *  otherwise it is the client's choice and never reaches a log line or an audit entry */
  trustRequestId?: boolean;
}

/** 128 random bits in base64: what Next's nonce parser accepts ('nonce-[A-Za-z0-9+/_-]+={0,2}'). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The incoming id when a trusted proxy sent it in the agreed format, otherwise a fresh one. */
export function resolveRequestId(headers: Pick<Headers, 'get'>, trusted = false): string {
  return (trusted ? requestIdOf(headers) : null) ?? crypto.randomUUID();
}

/**
 * The console's policy. Scripts: only those carrying this request's nonce, and what they load
 * ('strict-dynamic'); Next reads the nonce from the request's CSP header and stamps its own
 * scripts with it. Styles keep 'unsafe-inline': server-rendered style attributes (progress bars,
 * recharts' SVG) and sonner's injected <style> cannot carry a nonce — and a nonce in style-src
 * would make browsers ignore 'unsafe-inline'. Style injection cannot run code; script injection
 * is what the nonce stops.
 */
export function contentSecurityPolicy(nonce: string, settings: EdgeSettings): string {
  const script = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"];
  if (settings.development) script.push("'unsafe-eval'");
  const directives = [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    settings.development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (settings.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** JSON and CSV answers render nothing: nothing may load from them and nobody may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Headers every response carries, page or API. */
export function baselineHeaders(settings: EdgeSettings): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    'cross-origin-opener-policy': 'same-origin',
  };
  // Over plain http (local demo, tests) HSTS would be ignored at best and pin a dev host at worst.
  if (settings.https) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}

export interface EdgeHeaders {
  requestId: string;
  /** set on the request passed on to Next (pages read the nonce from here) */
  request: Record<string, string>;
  /** set on the response the browser gets */
  response: Record<string, string>;
}

/** Everything proxy.ts sets for one request; `nonce` only matters for pages. */
export function edgeHeaders(
  path: string,
  incoming: Pick<Headers, 'get'>,
  settings: EdgeSettings,
  nonce: () => string = newNonce,
): EdgeHeaders {
  const requestId = resolveRequestId(incoming, settings.trustRequestId === true);
  const response = { ...baselineHeaders(settings), [REQUEST_ID_HEADER]: requestId };
  if (isApiPath(path)) {
    return {
      requestId,
      request: { [REQUEST_ID_HEADER]: requestId },
      response: { ...response, 'content-security-policy': API_CSP },
    };
  }
  const n = nonce();
  const csp = contentSecurityPolicy(n, settings);
  return {
    requestId,
    request: { [REQUEST_ID_HEADER]: requestId, 'content-security-policy': csp, 'x-nonce': n },
    response: { ...response, 'content-security-policy': csp },
  };
}

export const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');
