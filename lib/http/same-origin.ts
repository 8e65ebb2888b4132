// CSRF guard for cookie-authenticated API mutations: the browser attaches the session cookie to a
// cross-site request by itself, so a mutation must prove it came from our own pages. Browsers send
// Origin on every non-GET fetch and form post; when a privacy setting strips it, Sec-Fetch-Site
// (set by the browser, not scriptable) still says whether the request was same-origin. Requests
// with an API token carry no ambient credentials and are not checked.
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isMutating(method: string): boolean {
  return MUTATING.has(method.toUpperCase());
}

export interface OriginPolicy {
  /** the app's configured public URL (NEXTAUTH_URL), when set */
  appUrl?: string | null;
}

/**
 * True when the request may proceed: not a mutation, or a mutation whose Origin is the app's own
 * (the configured URL, or the host the request was sent to), or, without Origin, one the browser
 * marks same-origin. `Origin: null` (sandboxed frames, some redirects) is refused.
 */
export function isSameOriginRequest(
  method: string,
  headers: Pick<Headers, 'get'>,
  policy: OriginPolicy = {},
): boolean {
  if (!isMutating(method)) return true;
  const origin = headers.get('origin');
  if (origin === null) return headers.get('sec-fetch-site') === 'same-origin';
  const parsed = parseOrigin(origin);
  if (!parsed) return false;
  const configured = policy.appUrl ? parseOrigin(policy.appUrl) : null;
  if (configured && configured.origin === parsed.origin) return true;
  // The host the browser addressed. A cross-site page cannot set X-Forwarded-Host on a request
  // the browser sends with cookies without a CORS preflight, which this app never grants.
  const hosts = [headers.get('x-forwarded-host'), headers.get('host')]
    .flatMap((h) => (h ? h.split(',') : []))
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return hosts.includes(parsed.host);
}

function parseOrigin(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
