// An exchange written the way HTTP itself reads (start line, headers, blank line, body), for the
// attempts and the payload tabs: support compares it with a provider's log line by line, and a
// Copy button carries the same text. Values come masked and redacted from the presenter.
import { prettyJson } from '@/components/payload/payload-block';

export interface SentRequestView {
  method: string | null;
  url: string | null;
  headers: Record<string, string> | null;
  body: unknown;
}

export interface AnswerView {
  status: number | null;
  headers: Record<string, string> | null;
  body: unknown;
}

const NOT_KEPT = '(headers not kept: recorded before Waybill kept them)';

function headerLines(headers: Record<string, string> | null): string[] {
  if (!headers) return [NOT_KEPT];
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

function bodyText(body: unknown): string[] {
  return body === null || body === undefined || body === '' ? [] : ['', prettyJson(body)];
}

export function requestText(r: SentRequestView): string {
  return [
    `${r.method ?? '—'} ${r.url ?? ''}`.trim(),
    ...headerLines(r.headers),
    ...bodyText(r.body),
  ].join('\n');
}

export function answerText(a: AnswerView): string {
  const start = a.status === null ? 'no answer' : `HTTP ${a.status}`;
  return [start, ...headerLines(a.headers), ...bodyText(a.body)].join('\n');
}
