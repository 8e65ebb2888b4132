'use client';

import { useState } from 'react';
import { PayloadBlock, PayloadEmpty } from '@/components/payload/payload-block';
import { PayloadTabs } from '@/components/payload/payload-tabs';
import { answerText, requestText } from '@/components/timeline/http-text';
import { Time } from '@/components/time/time';
import type { TransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import { RevealPayloads, type Revealed } from './reveal-payloads';

/**
 * The four payloads of the transaction's journey, as the ledger recorded them. Everything here
 * comes from the presenter already masked (the connections' masking rules for every role, personal
 * fields for roles without personal data), Copy buttons included. An admin's reveal swaps in the
 * unmasked payloads for this view only: they live in this component's state, and a reload masks
 * again.
 */
export function PayloadSection({
  detail,
  masked,
  canReveal,
}: {
  detail: Pick<
    TransactionDetail,
    'id' | 'inbound' | 'payloads' | 'mappingVersion' | 'flow' | 'maskingRulesApply'
  >;
  /** personal fields are masked for this role */
  masked: boolean;
  /** the role may reveal (personal_data.reveal) */
  canReveal: boolean;
}) {
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const inbound = { ...detail.inbound, ...(revealed?.inbound ?? {}) };
  const payloads = revealed?.payloads ?? detail.payloads;
  const { outbound, response } = payloads;
  return (
    <section
      aria-labelledby="payloads-heading"
      className="mt-6 rounded border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="payloads-heading" className="text-lg font-semibold">
          Payloads
        </h2>
        {canReveal && detail.maskingRulesApply && !revealed && (
          <RevealPayloads transactionId={detail.id} onRevealed={setRevealed} />
        )}
      </div>
      {revealed ? (
        <p
          role="status"
          className="mb-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          Revealed by you for this view — recorded in the audit log. Reload the page to mask the
          values again.
        </p>
      ) : (
        <>
          {detail.maskingRulesApply && (
            <p className="mb-2 text-sm text-slate-600">
              Fields the connections mark as sensitive are shown as •••.
            </p>
          )}
          {masked && (
            <p className="mb-2 text-sm text-slate-600">
              Personal data (names, emails, addresses) is masked for your role.
            </p>
          )}
        </>
      )}
      <PayloadTabs
        label="Payloads"
        tabs={[
          {
            value: 'inbound',
            label: 'Inbound raw',
            content: (
              <>
                <p className="mt-3 text-sm text-slate-700">
                  {inbound.topic ?? 'event'} · provider event {inbound.providerEventId ?? '—'} ·
                  received <Time value={inbound.receivedAt} />
                </p>
                <PayloadBlock label="Raw payload" value={inbound.payload} />
                <PayloadBlock label="Headers (signatures redacted)" value={inbound.headers} />
              </>
            ),
          },
          {
            value: 'canonical',
            label: 'Canonical command',
            content: outbound ? (
              <PayloadBlock
                label="Canonical command"
                value={payloads.canonical}
                meta={`What mapping version ${detail.mappingVersion ?? '—'} made of the inbound event, as sent in attempt ${outbound.attempt ?? '—'}.`}
              />
            ) : (
              <PayloadEmpty>
                Nothing sent yet: the canonical command is recorded when the first command goes out.
              </PayloadEmpty>
            ),
          },
          {
            value: 'outbound',
            label: 'Outbound request',
            content: outbound ? (
              <PayloadBlock
                label="Outbound request as sent"
                value={requestText({
                  method: outbound.method,
                  url: outbound.url,
                  headers: outbound.headers,
                  // facts recorded before the sent body was kept: the command it was built from
                  body: outbound.headers ? outbound.sentBody : outbound.body,
                })}
                meta={
                  <>
                    Attempt {outbound.attempt ?? '—'}, sent <Time value={outbound.sentAt} />.
                    Credentials are never kept: authorization and key headers read [redacted]. Every
                    attempt&apos;s request is under Attempts.
                  </>
                }
              />
            ) : (
              <PayloadEmpty>No request has been sent to {detail.flow.target} yet.</PayloadEmpty>
            ),
          },
          {
            value: 'response',
            label: 'Provider response',
            content: response ? (
              <PayloadBlock
                label="Provider response"
                value={answerText(response)}
                meta={
                  <>
                    HTTP {response.status ?? '—'} · {response.durationMs ?? '—'} ms ·{' '}
                    {response.type} · <Time value={response.receivedAt} />
                  </>
                }
              />
            ) : (
              <PayloadEmpty>{detail.flow.target} has not answered yet.</PayloadEmpty>
            ),
          },
        ]}
      />
    </section>
  );
}
