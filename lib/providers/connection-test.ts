// "Test connection" for adapters: one authenticated GET that changes nothing, its answer put in
// words. 2xx = the base URL and credentials work; anything else names the error class the engine
// would give the same answer, so the admin knows whether to fix credentials, the URL or wait.
import type { ConnectionTestResult } from './port';
import { callProvider, classifyHttpStatus } from './http';

export async function probeConnection(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  what: string,
): Promise<ConnectionTestResult> {
  const attempt = await callProvider('GET', url, { headers, timeoutMs });
  if (!attempt.ok)
    return {
      ok: false,
      errorClass: attempt.errorClass,
      message: attempt.message,
      durationMs: attempt.exchange.durationMs,
    };
  const { status, exchange } = attempt.result;
  const durationMs = exchange.durationMs;
  if (status >= 200 && status < 300)
    return { ok: true, message: `Connected: ${what} answered ${status}.`, durationMs };
  const errorClass = classifyHttpStatus(status);
  return {
    ok: false,
    errorClass,
    message: `${what} answered ${status}: ${explain(status)}`,
    durationMs,
  };
}

function explain(status: number): string {
  if (status === 401) return 'the credentials were refused — replace them.';
  if (status === 403) return 'the credentials lack the permission for this read.';
  if (status === 404) return 'nothing at this address — check the base URL.';
  if (status === 429) return 'the provider is rate-limiting us — try again shortly.';
  if (status >= 500) return 'the provider is having trouble — try again later.';
  return 'unexpected answer — check the base URL.';
}

export const trimBase = (baseUrl: string) => baseUrl.replace(/\/+$/, '');
