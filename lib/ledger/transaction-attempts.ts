// The Attempts table of the Transaction screen, derived from the timeline rather than stored: each
// command sent is one attempt, answered by the provider fact that follows it. A replay starts a new
// round (the attempt counter restarts at 1), so rows carry the round they belong to. Each row
// carries the request as it went out and the answer (headers and bodies, from the facts, masked by
// the caller like every payload), for the attempts table to open.
import {
  field,
  headersField,
  isCommand,
  isProviderAnswer,
  numberField,
  stringField,
  type TimelineFactLike,
} from './timeline-facts';

export type AttemptOutcome = 'accepted' | 'already_present' | 'failed' | 'answered' | 'no_answer';

export interface AttemptRow {
  /** id of the command fact: unique and stable */
  key: string;
  /** the dispatcher's own counter within the round; null on facts that did not record it */
  attempt: number | null;
  /** 1 before any replay, 2 after the first replay, ... */
  round: number;
  sentAt: string;
  durationMs: number | null;
  /** HTTP status of the answer when there was one */
  answerStatus: number | null;
  outcome: AttemptOutcome;
  errorClass: string | null;
  /** the request as sent; headers and body are null on facts recorded before they were kept */
  request: {
    method: string | null;
    url: string | null;
    headers: Record<string, string> | null;
    body: unknown;
  };
  /** the answer; null until one is recorded */
  response: { headers: Record<string, string> | null; body: unknown } | null;
}

const OUTCOME: Record<string, AttemptOutcome> = {
  'provider.accepted': 'accepted',
  'provider.already_present': 'already_present',
  'provider.failed': 'failed',
};

export function deriveAttempts(timeline: readonly TimelineFactLike[]): AttemptRow[] {
  const rows: AttemptRow[] = [];
  let round = 1;
  let open: AttemptRow | null = null;
  for (const fact of timeline) {
    if (fact.type === 'replay.requested') {
      // Only a replay after something was sent opens a new round of attempts.
      if (rows.length > 0) round += 1;
      open = null;
    } else if (isCommand(fact)) {
      open = {
        key: fact.id,
        attempt: numberField(fact.data, 'attempt'),
        round,
        sentAt: fact.occurredAt,
        durationMs: null,
        answerStatus: null,
        outcome: 'no_answer',
        errorClass: null,
        request: {
          method: stringField(fact.data, 'method'),
          url: stringField(fact.data, 'url'),
          headers: headersField(fact.data, 'requestHeaders'),
          body: field(fact.data, 'requestBody') ?? null,
        },
        response: null,
      };
      rows.push(open);
    } else if (isProviderAnswer(fact) && open) {
      open.outcome = OUTCOME[fact.type] ?? 'answered';
      open.answerStatus = numberField(fact.data, 'status');
      open.durationMs =
        numberField(fact.data, 'durationMs') ??
        Math.max(0, Date.parse(fact.occurredAt) - Date.parse(open.sentAt));
      open.errorClass = stringField(fact.data, 'errorClass');
      open.response = {
        headers: headersField(fact.data, 'responseHeaders'),
        body: field(fact.data, 'response') ?? null,
      };
      open = null;
    }
  }
  return rows;
}
