// Shared HTTP plumbing for adapters: timeouts, timing, bounded response capture and the generic
// status -> error class table. Adapters refine it where their provider says more.
import type { ErrorClass } from '@/lib/db';
import type { ProviderExchange } from './port';

const MAX_CAPTURE = 8 * 1024;

export interface HttpResult {
  status: number;
  headers: Headers;
  body: unknown;
  /** the answer exactly as received (a poll stores it as the inbound event's body) */
  text: string;
  exchange: ProviderExchange;
}

export type HttpAttempt =
  | { ok: true; result: HttpResult }
  | { ok: false; errorClass: ErrorClass; message: string; exchange: ProviderExchange };

export async function callProvider(
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: unknown; timeoutMs: number },
): Promise<HttpAttempt> {
  const started = performance.now();
  const exchange = (status: number | null, responseBody: unknown): ProviderExchange => ({
    method,
    url,
    status,
    durationMs: Math.round(performance.now() - started),
    responseBody,
  });
  try {
    const response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    const text = await response.text();
    const body = parseBody(text);
    return {
      ok: true,
      result: {
        status: response.status,
        headers: response.headers,
        body,
        text,
        exchange: exchange(response.status, capture(body, text)),
      },
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return {
        ok: false,
        errorClass: 'timeout',
        message: `no answer within ${init.timeoutMs} ms`,
        exchange: exchange(null, null),
      };
    }
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return {
      ok: false,
      errorClass: 'provider_outage',
      message: `cannot reach provider: ${cause}`,
      exchange: exchange(null, null),
    };
  }
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function capture(body: unknown, text: string): unknown {
  return text.length > MAX_CAPTURE ? { truncated: true, head: text.slice(0, MAX_CAPTURE) } : body;
}

/** Generic meaning of an HTTP failure status. */
export function classifyHttpStatus(status: number): ErrorClass {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'missing_dependency';
  if (status === 408) return 'timeout';
  if (status === 409) return 'duplicate';
  if (status === 400 || status === 413 || status === 422) return 'validation';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'provider_outage';
  // Anything else (405, 410, 415, an unexpected 2xx/3xx): we are not speaking the provider's
  // contract, and retrying the same request will not change that.
  return 'contract_mismatch';
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
