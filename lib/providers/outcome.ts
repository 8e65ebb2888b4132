// Small pieces every adapter needs around an HTTP attempt: the failure outcome of an attempt that
// got no usable answer, and scrubbing our credentials out of what we keep. The port promises that
// an exchange never includes our credentials; a provider that echoes request headers back in an
// error body (some do, in "debug" answers) would otherwise put an API key into the ledger.
import type { ErrorClass } from '@/lib/db';
import { isSecretHeader, REDACTED } from './exchange-capture';
import type { OperationOutcome, ProviderExchange } from './port';

/** Shorter values would redact ordinary words; real keys and tokens are far longer. */
const MIN_SECRET_LENGTH = 4;

export function failure(
  errorClass: ErrorClass,
  message: string,
  exchange: ProviderExchange,
  retryAfterMs?: number,
): OperationOutcome {
  return {
    kind: 'failure',
    errorClass,
    message,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    exchange,
  };
}

function secretsOf(credentials: Record<string, string>): string[] {
  return Object.values(credentials).filter((s) => s.length >= MIN_SECRET_LENGTH);
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

export function redactText(text: string, credentials: Record<string, string>): string {
  return scrub(text, secretsOf(credentials));
}

/** Whether any string in `value` (keys included) holds a secret: read without copying. */
function holdsSecret(value: unknown, secrets: readonly string[]): boolean {
  if (typeof value === 'string') return secrets.some((s) => value.includes(s));
  if (Array.isArray(value)) return value.some((v) => holdsSecret(v, secrets));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(
      ([k, v]) => secrets.some((s) => k.includes(s)) || holdsSecret(v, secrets),
    );
  return false;
}

function copyRedacted(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((v) => copyRedacted(v, secrets));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [scrub(k, secrets), copyRedacted(v, secrets)]),
    );
  return value;
}

/**
 * `value` with every secret redacted. Every dispatch passes its request and answer through here
 * and almost none holds a credential, so it is read first and copied only when it does (the
 * copying walk was a few per cent of the worker's CPU in `npm run bench`'s profile).
 */
function redactValue(value: unknown, secrets: readonly string[]): unknown {
  return holdsSecret(value, secrets) ? copyRedacted(value, secrets) : value;
}

/**
 * Headers with every value that holds a credential redacted, whatever the header is called (a
 * generic connection sends its API key under a name it chooses); secret-looking names are
 * redacted already when captured (./exchange-capture.ts).
 */
export function redactHeaders(
  headers: Record<string, string>,
  credentials: Record<string, string>,
): Record<string, string> {
  const secrets = secretsOf(credentials);
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      isSecretHeader(name) || secrets.some((s) => value.includes(s)) ? REDACTED : value,
    ]),
  );
}

/**
 * Exchanges this module produced, with the credentials they were redacted of. The engine redacts
 * every exchange again whatever its adapter did (dispatch.ts): one that comes back here with the
 * same credentials is already clean, and walking it twice was wasted work on every dispatch.
 */
const redactedWith = new WeakMap<ProviderExchange, Record<string, string>>();

/** An exchange as it may be kept: no credential in its URL, headers or bodies. */
export function redactExchange(
  exchange: ProviderExchange,
  credentials: Record<string, string>,
): ProviderExchange {
  if (redactedWith.get(exchange) === credentials) return exchange;
  const secrets = secretsOf(credentials);
  const redacted: ProviderExchange = {
    ...exchange,
    url: scrub(exchange.url, secrets),
    responseBody: redactValue(exchange.responseBody, secrets),
    ...(exchange.requestHeaders && {
      requestHeaders: redactHeaders(exchange.requestHeaders, credentials),
    }),
    ...(exchange.requestBody !== undefined && {
      requestBody: redactValue(exchange.requestBody, secrets),
    }),
    ...(exchange.responseHeaders && {
      responseHeaders: redactHeaders(exchange.responseHeaders, credentials),
    }),
  };
  redactedWith.set(redacted, credentials);
  return redacted;
}

export function redactOutcome(
  outcome: OperationOutcome,
  credentials: Record<string, string>,
): OperationOutcome {
  const exchange = redactExchange(outcome.exchange, credentials);
  return outcome.kind === 'success'
    ? { ...outcome, exchange }
    : { ...outcome, message: redactText(outcome.message, credentials), exchange };
}

/** A provider-supplied value as text, whatever JSON type it turned out to be. */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `{error, errors:[{path, message}]}` (the shape ERP and CRM share) as one readable line. */
export function describeFieldErrors(body: unknown): string {
  const parsed = body as { error?: unknown; errors?: unknown } | null;
  const code = typeof parsed?.error === 'string' ? parsed.error : 'rejected';
  const errors = Array.isArray(parsed?.errors) ? (parsed.errors as unknown[]) : [];
  const fields = errors
    .map((e) => {
      const item = e as { path?: unknown; message?: unknown } | null;
      return `${asText(item?.path ?? '?')}: ${asText(item?.message ?? 'invalid')}`;
    })
    .join('; ');
  return fields ? `${code} (${fields})` : code;
}
