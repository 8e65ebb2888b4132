// One authenticated request of a generic HTTP connection: the connection's static headers, the
// auth its settings name (credentials from the vault), then the request's own headers. With
// OAuth 2.0 a 401 drops the cached token and the request is sent once more with a fresh one: a
// token that expired early (or was revoked) costs one round trip, not a transaction in review.
import { callProvider, type HttpAttempt } from '../../http';
import type { ProviderContext, ProviderExchange } from '../../port';
import { forgetToken, accessToken } from './oauth-token';
import type { HttpSettings } from './settings';

export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

type AuthHeaders =
  | { ok: true; headers: Record<string, string>; token?: string }
  | Extract<HttpAttempt, { ok: false }>;

function missing(what: string, url: string): AuthHeaders {
  const exchange: ProviderExchange = {
    method: 'GET',
    url,
    status: null,
    durationMs: 0,
    responseBody: null,
  };
  return {
    ok: false,
    errorClass: 'auth',
    message: `${what} is not set for this connection`,
    exchange,
  };
}

async function authHeaders(
  ctx: ProviderContext,
  settings: HttpSettings,
  url: string,
  renew: boolean,
): Promise<AuthHeaders> {
  const auth = settings.auth;
  const c = ctx.credentials;
  switch (auth.type) {
    case 'none':
      return { ok: true, headers: {} };
    case 'api_key':
      return c.apiKey
        ? { ok: true, headers: { [auth.header.toLowerCase()]: `${auth.prefix}${c.apiKey}` } }
        : missing('The API key', url);
    case 'bearer':
      return c.token
        ? { ok: true, headers: { authorization: `Bearer ${c.token}` } }
        : missing('The bearer token', url);
    case 'basic':
      return c.username && c.password !== undefined
        ? {
            ok: true,
            headers: {
              authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`,
            },
          }
        : missing('The user name and password', url);
    case 'oauth2_client_credentials': {
      const token = await accessToken(ctx.baseUrl, auth, c, ctx.timeoutMs, { renew });
      if (!token.ok) return token;
      return { ok: true, headers: { authorization: `Bearer ${token.token}` }, token: token.token };
    }
    default: {
      const exhaustive: never = auth;
      return exhaustive;
    }
  }
}

/** Static headers, then auth, then the request's own: a request cannot drop its auth by accident. */
export async function sendAuthenticated(
  ctx: ProviderContext,
  settings: HttpSettings,
  request: OutboundRequest,
  opts: { renewToken?: boolean } = {},
): Promise<HttpAttempt> {
  const once = async (renew: boolean) => {
    const auth = await authHeaders(ctx, settings, request.url, renew);
    if (!auth.ok) return { attempt: auth, token: undefined };
    const staticHeaders = Object.fromEntries(
      Object.entries(settings.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const attempt = await callProvider(request.method, request.url, {
      headers: { ...staticHeaders, ...request.headers, ...auth.headers },
      body: request.body,
      timeoutMs: ctx.timeoutMs,
    });
    return { attempt, token: auth.token };
  };
  const first = await once(opts.renewToken ?? false);
  const auth = settings.auth;
  if (
    auth.type === 'oauth2_client_credentials' &&
    first.attempt.ok &&
    first.attempt.result.status === 401 &&
    first.token
  ) {
    // Forgotten, not renewed here: of many dispatches refused at once, one fetches the new token.
    forgetToken(ctx.baseUrl, auth, ctx.credentials, first.token);
    return (await once(false)).attempt;
  }
  return first.attempt;
}
