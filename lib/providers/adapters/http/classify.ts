// A generic HTTP connection's failure classes: its own rules first (a status, a family, a JSONata
// test over the body), then the defaults every coded adapter starts from (lib/providers/http.ts):
// 401 auth, 403 permission, 404 missing dependency, 408 timeout, 409 duplicate, 400/413/422
// validation, 429 rate limited (Retry-After honoured), 5xx provider outage, anything else a
// contract mismatch.
import type { ErrorClass } from '@/lib/db';
import { classifyHttpStatus, retryAfterMs, type ResponseHeaders } from '../../http';
import { evaluate, evaluateText } from './expressions';
import type { ErrorRule } from './settings';

export interface Classified {
  errorClass: ErrorClass;
  message: string;
  retryAfterMs?: number;
}

function statusMatches(rule: ErrorRule, status: number): boolean {
  if (rule.status === undefined) return true;
  if (rule.status === '4xx') return status >= 400 && status < 500;
  if (rule.status === '5xx') return status >= 500 && status < 600;
  return rule.status === status;
}

const MESSAGE_FIELDS = [
  'message',
  'error_description',
  'detail',
  'title',
  'error',
  'code',
] as const;

/** The first readable words of a failure body, whatever its shape. */
export function describeBody(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 200);
  if (body === null || typeof body !== 'object') return 'no details';
  const record = body as Record<string, unknown>;
  const said = MESSAGE_FIELDS.map((f) => (Object.hasOwn(record, f) ? record[f] : undefined)).find(
    (v) => typeof v === 'string' && v !== '',
  ) as string | undefined;
  const errors =
    Object.hasOwn(record, 'errors') && Array.isArray(record.errors) ? record.errors : [];
  const fields = errors
    .slice(0, 5)
    .map((e) => {
      const item = (e ?? {}) as Record<string, unknown>;
      const where = item.field ?? item.path ?? item.pointer;
      return `${typeof where === 'string' ? where : '?'}: ${typeof item.message === 'string' ? item.message : 'invalid'}`;
    })
    .join('; ');
  const head = said ?? 'rejected';
  return (fields ? `${head} (${fields})` : head).slice(0, 500);
}

export async function classifyFailure(
  rules: readonly ErrorRule[],
  status: number,
  body: unknown,
  headers: ResponseHeaders,
  what: string,
): Promise<Classified> {
  const retryAfter = retryAfterMs(headers);
  // As for a successful answer's expressions (operation.ts): `$header(name)` reads the answer's
  // headers, which can only be asked for by name.
  const bindings = { status, header: (name: string) => headers.get(name) ?? undefined };
  for (const rule of rules) {
    if (!statusMatches(rule, status)) continue;
    if (rule.when !== undefined) {
      const verdict = await evaluate(rule.when, body, bindings, 'error rule').catch(() => false);
      if (!verdict) continue;
    }
    const custom =
      rule.message === undefined
        ? null
        : await evaluateText(rule.message, body, bindings, 'error message').catch(() => null);
    return {
      errorClass: rule.class,
      message: `${what} answered ${status}: ${custom ?? describeBody(body)}`,
      ...(retryAfter !== undefined && { retryAfterMs: retryAfter }),
    };
  }
  return {
    errorClass: classifyHttpStatus(status),
    message: `${what} answered ${status}: ${describeBody(body)}`,
    ...(retryAfter !== undefined && { retryAfterMs: retryAfter }),
  };
}
