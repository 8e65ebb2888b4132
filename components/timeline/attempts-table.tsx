import { Fragment } from 'react';
import { PayloadBlock } from '@/components/payload/payload-block';
import { Time } from '@/components/time/time';
import { answerText, requestText, type AnswerView, type SentRequestView } from './http-text';

export interface AttemptRowView {
  key: string;
  attempt: number | null;
  round: number;
  sentAt: string;
  durationMs: number | null;
  answerStatus: number | null;
  outcome: 'accepted' | 'already_present' | 'failed' | 'answered' | 'no_answer';
  errorClass: string | null;
  request: SentRequestView;
  response: Omit<AnswerView, 'status'> | null;
}

const OUTCOME: Record<AttemptRowView['outcome'], { text: string; tone: string }> = {
  accepted: { text: 'accepted', tone: 'text-green-800' },
  already_present: { text: 'already there', tone: 'text-green-800' },
  failed: { text: 'failed', tone: 'text-red-800' },
  answered: { text: 'answered', tone: 'text-slate-800' },
  no_answer: { text: 'no answer recorded', tone: 'text-amber-900' },
};

function duration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Every command we sent and what came back, one row per attempt, oldest first. Each opens to the
 * request as it went out (method, URL, headers with credentials redacted, body) and the answer
 * (status, headers, body), masked like every payload.
 */
export function AttemptsTable({
  rows,
  classLabel = (c) => c,
}: {
  rows: AttemptRowView[];
  /** words for an error class (the page passes the ledger's help labels) */
  classLabel?: (errorClass: string) => string;
}) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-600">Nothing has been sent to the target yet.</p>;
  const rounds = rows.some((r) => r.round > 1);
  return (
    <table className="w-full text-left text-sm" data-testid="attempts-table">
      <caption className="sr-only">Attempts to send this transaction</caption>
      <thead className="border-b border-slate-200 text-xs text-slate-600">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">
            Attempt
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Sent at
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Duration
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Answer
          </th>
          <th scope="col" className="py-1 font-medium">
            Outcome
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const outcome = OUTCOME[r.outcome];
          const name = `attempt ${r.attempt ?? i + 1}${rounds ? ` (round ${r.round})` : ''}`;
          return (
            <Fragment key={r.key}>
              <tr data-testid="attempt-row" className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {r.attempt ?? i + 1}
                  {rounds && <span className="text-xs text-slate-600"> · round {r.round}</span>}
                </th>
                <td className="py-1 pr-3">
                  <Time value={r.sentAt} />
                </td>
                <td className="py-1 pr-3">{duration(r.durationMs)}</td>
                <td className="py-1 pr-3">{r.answerStatus ?? '—'}</td>
                <td className={`py-1 ${outcome.tone}`}>
                  {outcome.text}
                  {r.errorClass && ` (${classLabel(r.errorClass)})`}
                </td>
              </tr>
              <tr data-testid="attempt-exchange" className="border-b border-slate-200">
                <td colSpan={5} className="pb-2">
                  <details>
                    <summary className="cursor-pointer text-xs text-blue-700">
                      Request and answer of {name}
                    </summary>
                    <PayloadBlock label={`Request of ${name}`} value={requestText(r.request)} />
                    <PayloadBlock
                      label={`Answer to ${name}`}
                      value={
                        r.response
                          ? answerText({ status: r.answerStatus, ...r.response })
                          : 'no answer recorded'
                      }
                    />
                  </details>
                </td>
              </tr>
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
