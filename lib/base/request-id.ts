// The request id: proxy.ts gives every request one (or keeps a sane one from a trusted proxy) and
// returns it as a response header; logs and audit entries carry it so an incident can be traced
// from a person's screenshot to the log lines and the audit entry.
export const REQUEST_ID_HEADER = 'x-request-id';

const SANE = /^[A-Za-z0-9._:-]{8,100}$/;

/** The request id from incoming headers, or null when absent or not a plausible id. */
export function requestIdOf(headers: Pick<Headers, 'get'>): string | null {
  const value = headers.get(REQUEST_ID_HEADER);
  return value && SANE.test(value) ? value : null;
}
