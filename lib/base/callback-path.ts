// Where sign-in returns to. A console link opened without a session (or after one expired) goes to
// /login?callbackUrl=<the link>; only a path of this site is ever followed back, so the parameter
// cannot send someone who signs in to another origin (an open redirect a phishing mail could use).

/** The query parameter that carries the page asked for (next-auth's own name for it). */
export const CALLBACK_PARAM = 'callbackUrl';
/** Where sign-in lands when no page was asked for, or the one asked for is refused. */
export const DEFAULT_AFTER_SIGN_IN = '/transactions';

const ORIGIN = 'http://waybill.invalid';
const MAX_LENGTH = 2048;

/**
 * The same-origin path to return to ("/transactions/abc?tab=timeline"), or null. Refused: anything
 * not starting with exactly one "/" (absolute and protocol-relative URLs, "/\evil.example" which
 * browsers read as "//"), control characters, the sign-in pages themselves (a loop) and API
 * routes (they answer JSON, not a page).
 */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  const path = url.pathname;
  if (/^\/(login|invite|reset-password|api)(\/|$)/.test(path)) return null;
  return `${path}${url.search}${url.hash}`;
}

/** The sign-in page's address that returns to `path` afterwards (plain /login when refused). */
export function signInPath(path: unknown, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  const back = safeCallbackPath(path);
  if (back && back !== '/') params.set(CALLBACK_PARAM, back);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}

/**
 * The request header proxy.ts sets to the path and query the browser asked for: server components
 * are not told their URL, and requirePage needs it to send sign-in back there. The proxy always
 * overwrites it, and safeCallbackPath judges it anyway.
 */
export const REQUEST_PATH_HEADER = 'x-waybill-path';

/** The page a request asked for, without Next's own router parameters. */
export function requestedPath(pathname: string, search: URLSearchParams): string {
  const params = new URLSearchParams(search);
  params.delete('_rsc'); // a client navigation's payload marker, not part of the page's address
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}
