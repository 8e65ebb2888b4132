// What callProvider keeps of one exchange besides the status and the answer's body: the headers
// and body as sent and the answer's headers. It is stored on the transaction's timeline (the
// Transaction screen's attempts), so it is bounded and never holds a credential. Here, by name:
// authorization, cookies and any key-, token-, secret-, password- or signature-like header, whatever
// the provider calls it. By value: redactOutcome (./outcome.ts) removes every header that carries
// one of the connection's credentials, since a generic connection may send its key under any name.
export const REDACTED = '[redacted]';

/** How much of a body is kept as sent (the answer's body has the same bound). */
export const MAX_BODY_CAPTURE = 8 * 1024;
const MAX_HEADERS = 40;
const MAX_HEADER_VALUE = 512;

const SECRET_HEADER = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** api-key, x-api-key, apikey, x-auth-token, client-secret, x-password, dock-signature, ... */
const SECRET_HEADER_PART = /(api[-_]?key|token|secret|passw|signature|credential|session|auth)/i;
/** form fields of token requests and logins (client_secret, password, refresh_token, ...) */
const SECRET_FIELD = /(secret|passw|token|key|assertion|credential)/i;

export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  // Idempotency keys are request identifiers a support agent needs, not secrets.
  if (lower === 'idempotency-key') return false;
  return SECRET_HEADER.has(lower) || SECRET_HEADER_PART.test(lower);
}

/** Names lower-cased, secret ones redacted, values and count bounded. */
export function captureHeaders(
  headers: Record<string, string | string[] | number | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    if (count >= MAX_HEADERS) break;
    count += 1;
    const lower = name.toLowerCase();
    const value = Array.isArray(raw) ? raw.join(', ') : String(raw);
    out[lower] = isSecretHeader(lower)
      ? REDACTED
      : value.length > MAX_HEADER_VALUE
        ? `${value.slice(0, MAX_HEADER_VALUE)}…`
        : value;
  }
  return out;
}

/**
 * The body as it went out: the JSON value sent (or its first part when it is long), or a form's
 * fields with the secret ones redacted (a token request carries the client secret).
 */
export function captureRequestBody(body: unknown, payload: string | undefined, form: boolean) {
  if (payload === undefined) return null;
  if (form) {
    const fields: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(payload))
      fields[k] = SECRET_FIELD.test(k) ? REDACTED : v;
    return fields;
  }
  return payload.length > MAX_BODY_CAPTURE
    ? { truncated: true, head: payload.slice(0, MAX_BODY_CAPTURE) }
    : (body ?? null);
}
