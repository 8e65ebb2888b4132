// The four payload views of the Transaction screen, taken from what the ledger recorded: the
// inbound event as received, the canonical command our mapping produced (the request of the latest
// command sent), that command as it went out (method, URL, headers, body as sent) and the
// provider's latest answer (status, headers, body).
// Callers pass timeline data already masked for the viewer's role; nothing here unmasks.
import {
  field,
  headersField,
  isCommand,
  isProviderAnswer,
  numberField,
  stringField,
  type TimelineFactLike,
} from './timeline-facts';

export interface TransactionPayloads {
  inbound: { body: unknown; headers: unknown };
  /** null until a command was sent (the mapping output is recorded with the command) */
  canonical: unknown;
  outbound: {
    method: string | null;
    url: string | null;
    idempotencyKey: string | null;
    attempt: number | null;
    sentAt: string;
    /** the canonical command (what the mapping made) */
    body: unknown;
    /** as it went out (credentials redacted); null on facts recorded before they were kept */
    headers: Record<string, string> | null;
    sentBody: unknown;
  } | null;
  response: {
    type: string;
    status: number | null;
    durationMs: number | null;
    receivedAt: string;
    body: unknown;
    headers: Record<string, string> | null;
  } | null;
}

export function extractPayloads(
  inbound: { body: unknown; headers: unknown },
  timeline: readonly TimelineFactLike[],
): TransactionPayloads {
  const command = findLast(timeline, isCommand);
  const answer = findLast(timeline, isProviderAnswer);
  const request = command ? (field(command.data, 'request') ?? null) : null;
  return {
    inbound,
    canonical: command ? request : null,
    outbound: command
      ? {
          method: stringField(command.data, 'method'),
          url: stringField(command.data, 'url'),
          idempotencyKey: stringField(command.data, 'idempotencyKey'),
          attempt: numberField(command.data, 'attempt'),
          sentAt: command.occurredAt,
          body: request,
          headers: headersField(command.data, 'requestHeaders'),
          sentBody: field(command.data, 'requestBody') ?? null,
        }
      : null,
    response: answer
      ? {
          type: answer.type,
          status: numberField(answer.data, 'status'),
          durationMs: numberField(answer.data, 'durationMs'),
          receivedAt: answer.occurredAt,
          body: field(answer.data, 'response') ?? null,
          headers: headersField(answer.data, 'responseHeaders'),
        }
      : null,
  };
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i];
    if (item !== undefined && test(item)) return item;
  }
  return undefined;
}
