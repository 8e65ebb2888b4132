// Runs before every page, server action and API route (not static assets, not the webhook
// receiver): a request id for logs and audit entries, and the security headers with a fresh CSP
// nonce per page request. The rules live in lib/http/security-headers.ts; this file only wires
// them to Next. Authorisation is NOT done here: pages, actions and routes check for themselves.
import { NextResponse, type NextRequest } from 'next/server';
import { REQUEST_PATH_HEADER, requestedPath } from '@/lib/base/callback-path';
import { edgeEnv } from '@/lib/env';
import { edgeHeaders } from '@/lib/http/security-headers';

export function proxy(request: NextRequest) {
  const headers = edgeHeaders(request.nextUrl.pathname, request.headers, edgeEnv());
  const forwarded = new Headers(request.headers);
  for (const [name, value] of Object.entries(headers.request)) forwarded.set(name, value);
  // Pages are not told their own URL; requirePage sends sign-in back to it (lib/auth/session.ts).
  forwarded.set(
    REQUEST_PATH_HEADER,
    requestedPath(request.nextUrl.pathname, request.nextUrl.searchParams),
  );
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers.response)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Everything but build assets and the webhook receiver. /api/ingest stays out on purpose: when
    // a proxy matches a POST, Next clones and buffers the whole body before the route runs, which
    // would defeat the receiver's early 413 on oversized bodies and double its memory per request.
    // next.config.mjs gives it static security headers instead (it answers JSON to servers).
    '/((?!_next/static|_next/image|favicon.ico|robots.txt|api/ingest/).*)',
  ],
};
