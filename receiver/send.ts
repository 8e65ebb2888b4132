// Answers of the receiver: JSON with the headers next.config.mjs gives the Next route's answers
// (send.test.ts keeps the two lists equal).
import type { ServerResponse } from 'node:http';

/** The static security headers of /api/ingest/* (next.config.mjs headers()). */
export const INGEST_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  // the bytes Response.json would send
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...INGEST_RESPONSE_HEADERS,
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A Web Response (the operators' refusals of lib/http/ops-access.ts) written to node:http. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, {
    ...INGEST_RESPONSE_HEADERS,
    ...Object.fromEntries(response.headers),
    'content-length': body.byteLength,
  });
  res.end(body);
}
