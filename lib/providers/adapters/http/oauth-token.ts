// OAuth 2.0 client credentials (RFC 6749 §4.4) for generic HTTP connections: one access token per
// client, cached in the process, fetched once however many dispatches ask at the same moment,
// renewed before it expires, and dropped when the target answers 401 so the next request fetches a
// fresh one. The token request goes through the same outbound guard as every provider call.
import { createHash } from 'node:crypto';
import type { ErrorClass } from '@/lib/db';
import { callProvider } from '../../http';
import type { ProviderExchange } from '../../port';
import type { AuthSettings } from './settings';

type OAuth = Extract<AuthSettings, { type: 'oauth2_client_credentials' }>;

export type TokenResult =
  | { ok: true; token: string }
  | { ok: false; errorClass: ErrorClass; message: string; exchange: ProviderExchange };

interface Cached {
  token: string;
  /** epoch ms after which the token is renewed before use */
  renewAt: number;
}

const MAX_CLIENTS = 1000;
const tokens = new Map<string, Cached>();
const pending = new Map<string, Promise<TokenResult>>();

/** Renewed when a fifth of its life or a minute is left, whichever is shorter. */
export function renewalTime(now: number, expiresInSeconds: number): number {
  const lifeMs = expiresInSeconds * 1000;
  return now + lifeMs - Math.min(60_000, lifeMs / 5);
}

export function tokenUrlOf(baseUrl: string, tokenUrl: string): string {
  return /^https?:\/\//i.test(tokenUrl) ? tokenUrl : baseUrl.replace(/\/+$/, '') + tokenUrl;
}

function cacheKey(url: string, auth: OAuth, credentials: Record<string, string>): string {
  // The secret is part of the key (hashed): replacing credentials never reuses an old token.
  return createHash('sha256')
    .update(
      JSON.stringify([
        url,
        auth.scope,
        auth.audience,
        credentials.clientId,
        credentials.clientSecret,
      ]),
    )
    .digest('base64url');
}

export async function accessToken(
  baseUrl: string,
  auth: OAuth,
  credentials: Record<string, string>,
  timeoutMs: number,
  opts: { renew?: boolean } = {},
): Promise<TokenResult> {
  const url = tokenUrlOf(baseUrl, auth.tokenUrl);
  const key = cacheKey(url, auth, credentials);
  const cached = tokens.get(key);
  if (!opts.renew && cached && cached.renewAt > Date.now())
    return { ok: true, token: cached.token };
  if (opts.renew) tokens.delete(key);
  let flight = pending.get(key);
  if (!flight) {
    flight = requestToken(url, auth, credentials, timeoutMs).finally(() => pending.delete(key));
    pending.set(key, flight);
  }
  const result = await flight;
  return result.ok ? { ok: true, token: result.token } : result;
}

/** Drops a token the target refused, unless a newer one already replaced it. */
export function forgetToken(
  baseUrl: string,
  auth: OAuth,
  credentials: Record<string, string>,
  token: string,
): void {
  const key = cacheKey(tokenUrlOf(baseUrl, auth.tokenUrl), auth, credentials);
  if (tokens.get(key)?.token === token) tokens.delete(key);
}

async function requestToken(
  url: string,
  auth: OAuth,
  credentials: Record<string, string>,
  timeoutMs: number,
): Promise<TokenResult & { renewAt?: number }> {
  const { clientId, clientSecret } = credentials;
  const none: ProviderExchange = {
    method: 'POST',
    url,
    status: null,
    durationMs: 0,
    responseBody: null,
  };
  if (!clientId || !clientSecret)
    return {
      ok: false,
      errorClass: 'auth',
      message: 'OAuth client id and secret are not set for this connection',
      exchange: none,
    };
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (auth.scope) form.set('scope', auth.scope);
  if (auth.audience) form.set('audience', auth.audience);
  const headers: Record<string, string> = {};
  if (auth.clientAuth === 'basic') {
    // RFC 6749 §2.3.1: both parts form-encoded before base64.
    const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    form.set('client_id', clientId);
    form.set('client_secret', clientSecret);
  }
  const attempt = await callProvider('POST', url, {
    headers,
    form: form.toString(),
    timeoutMs,
  });
  if (!attempt.ok) return { ...attempt, message: `token request: ${attempt.message}` };
  const { status, body, exchange } = attempt.result;
  const answer = (body ?? {}) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
  if (
    status >= 200 &&
    status < 300 &&
    typeof answer.access_token === 'string' &&
    answer.access_token
  ) {
    const expiresIn =
      typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 3600;
    if (tokens.size >= MAX_CLIENTS) tokens.clear();
    tokens.set(cacheKey(url, auth, credentials), {
      token: answer.access_token,
      renewAt: renewalTime(Date.now(), expiresIn),
    });
    return { ok: true, token: answer.access_token };
  }
  const code = typeof answer.error === 'string' ? answer.error : `status ${status}`;
  const errorClass: ErrorClass =
    status === 400 || status === 401 || status === 403
      ? 'auth'
      : status === 429
        ? 'rate_limited'
        : status >= 500
          ? 'provider_outage'
          : 'contract_mismatch';
  return {
    ok: false,
    errorClass,
    message: `the token endpoint refused the client (${code})`,
    exchange: { ...exchange, responseBody: { error: code } },
  };
}

/** Tests start from an empty cache. */
export function clearTokenCache(): void {
  tokens.clear();
  pending.clear();
}
