// Shared HTTP plumbing for adapters: timeouts, timing, bounded response capture and the generic
// status -> error class table. Adapters refine it where their provider says more.
//
// Requests go through node:http(s) with keep-alive agents rather than fetch: the worker sends
// every outbound command through here, and fetch's web streams, abort signals and header objects
// cost about a fifth of the worker's CPU at a thousand dispatches a second (README, `npm run
// bench`). Redirects are not followed: a provider that redirects a command is not
// speaking its contract (classifyHttpStatus), and credentials must not follow a Location header.
//
// Every request goes through the outbound guard (lib/outbound), so a base URL pointed at this
// machine, a private network or the metadata service never receives our credentials: a literal IP
// host is checked before the request; a host name is resolved by the agents' guarded `lookup`,
// which Node calls only when it opens a socket — the check costs nothing per pooled request, and
// the socket connects to the addresses it checked. Answers are read up to MAX_RESPONSE_BYTES.
import http from 'node:http';
import https from 'node:https';
import type { ErrorClass } from '@/lib/db';
import {
  guardedLookup,
  literalHostRefusal,
  OutboundRefusedError,
  outboundPolicy,
  type OutboundPolicy,
} from '@/lib/outbound';
import { captureHeaders, captureRequestBody, MAX_BODY_CAPTURE } from './exchange-capture';
import { currentPace } from './pacing';
import type { ProviderExchange } from './port';

/**
 * The most of one answer we read. Provider answers are one record, one acknowledgement or one
 * page (the largest, the ERP's inventory export, is a few kilobytes per hundred SKUs), and a poll's
 * answer is stored as an inbound event, whose body ingest limits to 1 MiB too
 * (INGEST_MAX_BODY_BYTES). Beyond it a provider is not speaking its contract — or a base URL
 * points at something that is not a provider — and reading on would only fill the worker's
 * memory, so the socket is destroyed.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** The part of a response's headers adapters read (a fetch Headers object satisfies it too). */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface HttpResult {
  status: number;
  headers: ResponseHeaders;
  body: unknown;
  /** the answer exactly as received (a poll stores it as the inbound event's body) */
  text: string;
  exchange: ProviderExchange;
}

export type HttpAttempt =
  | { ok: true; result: HttpResult }
  | { ok: false; errorClass: ErrorClass; message: string; exchange: ProviderExchange };

/**
 * One keep-alive pool per scheme for the process: connections to a provider are reused across
 * commands. A server closes a connection that has been idle for its keep-alive timeout (Node's
 * 5 s, a load balancer's 60 s); a request sent on it as it closes fails before any answer, and a
 * burst of those after a quiet spell read as an outage and opened a healthy provider's circuit
 * (ADR 0036). So an idle socket is closed by us first — after IDLE_SOCKET_MS, or a second before
 * the server's own `Keep-Alive: timeout=N` hint when it sends a shorter one (Node applies the
 * hint only under an agent timeout) — and a request that a reused socket lost before any answer
 * is sent again on another (send, below).
 */
// Idle sockets are kept up to the full pool: a drain sends a batch, settles it, then sends the
// next, and closing the sockets above a smaller idle cap between batches made every batch open
// (and the provider accept) that many connections again.
/** how long a pooled connection may sit idle: undici's default, under common server timeouts */
export const IDLE_SOCKET_MS = 4_000;
const POOL = { keepAlive: true, maxSockets: 256, maxFreeSockets: 256, timeout: IDLE_SOCKET_MS };
/** sends of one request after its reused socket was closed under it, before it counts as failed */
const STALE_SOCKET_RETRIES = 2;

interface Pools {
  policy: OutboundPolicy;
  http: http.Agent;
  https: https.Agent;
}
let pools: Pools | undefined;

/** The process's pools, built for its outbound policy (a test that stands in another gets new ones). */
function poolsFor(policy: OutboundPolicy): Pools {
  if (pools?.policy !== policy) {
    pools?.http.destroy();
    pools?.https.destroy();
    const lookup = guardedLookup(policy);
    pools = {
      policy,
      http: new http.Agent({ ...POOL, lookup }),
      https: new https.Agent({ ...POOL, lookup }),
    };
  }
  return pools;
}

class ProviderTimeout extends Error {}
class ResponseTooLarge extends Error {}

export async function callProvider(
  method: string,
  url: string,
  init: {
    headers?: Record<string, string>;
    body?: unknown;
    /** an application/x-www-form-urlencoded body instead of JSON (an OAuth token request) */
    form?: string;
    timeoutMs: number;
  },
): Promise<HttpAttempt> {
  const payload = init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(payload !== undefined && {
      'content-type':
        init.form === undefined ? 'application/json' : 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(payload)),
    }),
    ...init.headers,
  };
  // What went out, kept with the answer (credentials redacted by name here, by value in
  // redactOutcome): the Transaction screen shows each attempt's request as sent.
  const sent = {
    requestHeaders: captureHeaders(headers),
    requestBody: captureRequestBody(init.body, payload, init.form !== undefined),
  };
  // The connection's rate limit, taken as late as possible: the window's margin (engine's
  // rate-limiter.ts) covers only the moments between the grant and the request leaving. It throws
  // RequestNotSent past the caller's patience, which is not a provider answer. The clock of the
  // exchange (its duration, its timeout) starts after it.
  const pace = currentPace();
  if (pace) await pace();
  const started = performance.now();
  const exchange = (
    status: number | null,
    responseBody: unknown,
    responseHeaders?: Record<string, string>,
  ): ProviderExchange => ({
    method,
    url,
    status,
    durationMs: Math.round(performance.now() - started),
    responseBody,
    ...sent,
    ...(responseHeaders && { responseHeaders }),
  });
  try {
    const response = await send(method, new URL(url), {
      headers,
      payload,
      timeoutMs: init.timeoutMs,
    });
    const body = parseBody(response.text);
    return {
      ok: true,
      result: {
        status: response.status,
        headers: response.headers,
        body,
        text: response.text,
        exchange: exchange(response.status, capture(body, response.text), response.captured),
      },
    };
  } catch (error) {
    if (error instanceof ProviderTimeout) {
      return {
        ok: false,
        errorClass: 'timeout',
        message: `no answer within ${init.timeoutMs} ms`,
        exchange: exchange(null, null),
      };
    }
    // Not sent (the guard refused the address): retrying cannot help, a person must fix the base
    // URL or OUTBOUND_ALLOW_HOSTS, so the class is one that goes to review.
    if (error instanceof OutboundRefusedError) {
      return {
        ok: false,
        errorClass: 'permission',
        message: (error as Error).message,
        exchange: exchange(null, null),
      };
    }
    if (error instanceof ResponseTooLarge) {
      return {
        ok: false,
        errorClass: 'contract_mismatch',
        message: error.message,
        exchange: exchange(null, null),
      };
    }
    return {
      ok: false,
      errorClass: 'provider_outage',
      message: `cannot reach provider: ${error instanceof Error ? error.message : String(error)}`,
      exchange: exchange(null, null),
    };
  }
}

interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
  /** the headers as the exchange keeps them (bounded, cookies redacted) */
  captured: Record<string, string>;
}

/**
 * One request with a deadline for the whole exchange (connect, send, wait, read). A send that a
 * reused pooled socket lost before any answer arrived (the server closed it as we wrote: a reset,
 * a hang-up) goes again on another socket, within the same deadline: the server never took the
 * request in, and every command carries its idempotency key besides.
 */
function send(
  method: string,
  url: URL,
  init: { headers: Record<string, string>; payload: string | undefined; timeoutMs: number },
): Promise<RawResponse> {
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:')
    return Promise.reject(new Error(`unsupported protocol ${url.protocol}`));
  if (url.username || url.password)
    return Promise.reject(
      new OutboundRefusedError('refused: the URL carries a user name or password'),
    );
  const policy = outboundPolicy();
  const refusal = literalHostRefusal(url, policy);
  if (refusal) return Promise.reject(new OutboundRefusedError(refusal));
  const agents = poolsFor(policy);
  return new Promise((resolve, reject) => {
    let request: http.ClientRequest;
    let settled = false;
    // The deadline settles the promise itself: destroying the request then makes the request
    // or the half-read response emit errors of their own, which must not rename the timeout.
    const deadline = setTimeout(() => {
      settled = true;
      reject(new ProviderTimeout());
      request.destroy();
    }, init.timeoutMs);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      reject(error);
    };
    const attempt = (retriesLeft: number) => {
      let answered = false;
      request = (secure ? https : http).request(
        url,
        { method, headers: init.headers, agent: secure ? agents.https : agents.http },
        (response) => {
          answered = true;
          readAnswer(request, response, { resolve, fail, deadline });
        },
      );
      const sentOn = request;
      sentOn.on('error', (error: NodeJS.ErrnoException) => {
        if (!settled && !answered && retriesLeft > 0 && lostByStaleSocket(sentOn, error))
          attempt(retriesLeft - 1);
        else fail(error);
      });
      sentOn.end(init.payload);
    };
    attempt(STALE_SOCKET_RETRIES);
  });
}

/** A pooled socket closed by the server as this request went out on it, before any answer. */
function lostByStaleSocket(request: http.ClientRequest, error: NodeJS.ErrnoException): boolean {
  return request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
}

/** Reads an answer up to MAX_RESPONSE_BYTES, then settles the exchange. */
function readAnswer(
  request: http.ClientRequest,
  response: http.IncomingMessage,
  done: {
    resolve: (response: RawResponse) => void;
    fail: (error: Error) => void;
    deadline: NodeJS.Timeout;
  },
) {
  const tooLarge = () => {
    done.fail(
      new ResponseTooLarge(
        `the answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB; Waybill stopped reading it`,
      ),
    );
    // The rest of the answer is not wanted: the socket goes, not back to the pool.
    request.destroy();
  };
  if (Number(response.headers['content-length']) > MAX_RESPONSE_BYTES) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) return tooLarge();
    chunks.push(chunk);
  });
  response.on('error', done.fail);
  response.on('end', () => {
    clearTimeout(done.deadline);
    done.resolve({
      status: response.statusCode ?? 0,
      headers: headerReader(response.headers),
      text: Buffer.concat(chunks).toString('utf8'),
      captured: captureHeaders(response.headers),
    });
  });
}

/** node's headers are lower-cased already; repeated ones are joined as fetch would. */
function headerReader(headers: http.IncomingHttpHeaders): ResponseHeaders {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
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
  return text.length > MAX_BODY_CAPTURE
    ? { truncated: true, head: text.slice(0, MAX_BODY_CAPTURE) }
    : body;
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
export function retryAfterMs(headers: ResponseHeaders, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
