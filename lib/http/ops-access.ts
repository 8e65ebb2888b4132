// The operators' endpoints: /api/metrics and the details of /api/health. They are read by a
// scraper or a person with METRICS_TOKEN, never by the console's users: the numbers describe
// every tenant at once, and failing checks name internal hosts. Liveness and the bare readiness
// status stay public, for load balancers and orchestrators that hold no secret.
import { createHash, timingSafeEqual } from 'node:crypto';

/** granted; no token configured (metrics off); no bearer token sent; a wrong one sent */
export type OpsAccess = 'granted' | 'off' | 'missing' | 'wrong';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The token presented in `Authorization: Bearer <token>`, compared in constant time: both sides
 * are hashed to 32 bytes first, so neither the length nor a matching prefix shows in the timing.
 */
export function opsAccess(
  authorization: string | null,
  /** METRICS_TOKEN (lib/env.ts metricsToken()) */
  token: string | undefined,
): OpsAccess {
  if (!token) return 'off';
  const presented = authorization === null ? null : (BEARER.exec(authorization)?.[1] ?? '');
  if (presented === null) return 'missing';
  return timingSafeEqual(digest(presented), digest(token)) ? 'granted' : 'wrong';
}

/** The answer to a request that may not read: 404 while metrics are off, else 401. */
export function opsRefusal(access: Exclude<OpsAccess, 'granted'>): Response {
  switch (access) {
    case 'off':
      return Response.json(
        { error: 'not_found', message: 'metrics are off: the server has no METRICS_TOKEN' },
        { status: 404 },
      );
    case 'missing':
      return Response.json(
        { error: 'unauthorized', message: 'send Authorization: Bearer <METRICS_TOKEN>' },
        { status: 401, headers: { 'www-authenticate': 'Bearer realm="waybill-operations"' } },
      );
    case 'wrong':
      return Response.json(
        { error: 'unauthorized', message: 'the bearer token is not this server’s METRICS_TOKEN' },
        {
          status: 401,
          headers: {
            'www-authenticate': 'Bearer realm="waybill-operations", error="invalid_token"',
          },
        },
      );
    default: {
      const unreachable: never = access;
      return unreachable;
    }
  }
}
