'use client';

import { useState } from 'react';
import { Time } from '@/components/time/time';
import type { StateComparison } from '@/lib/state-comparison/state-comparison.presenter';

type Load =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; comparison: StateComparison };

/**
 * The ledger's canonical command beside the source's and target's live records. Nothing is read
 * until support opens it: each opening calls every provider once, so the page itself stays fast
 * and a slow provider only slows this section.
 */
export function StateComparisonSection({ transactionId }: { transactionId: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'idle' });
  const open = async () => {
    setLoad({ kind: 'loading' });
    try {
      const response = await fetch(`/api/v1/transactions/${transactionId}/state-comparison`, {
        cache: 'no-store',
      });
      const body = (await response.json()) as StateComparison | { message?: string };
      if (!response.ok || !('rows' in body))
        setLoad({
          kind: 'failed',
          message: 'message' in body && body.message ? body.message : `answered ${response.status}`,
        });
      else setLoad({ kind: 'loaded', comparison: body });
    } catch {
      setLoad({ kind: 'failed', message: 'the console could not be reached' });
    }
  };
  return (
    <section
      aria-labelledby="state-comparison-heading"
      className="mt-6 rounded border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="state-comparison-heading" className="text-lg font-semibold">
          State comparison
        </h2>
        <button
          type="button"
          onClick={() => void open()}
          disabled={load.kind === 'loading'}
          className="rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50 disabled:opacity-60"
        >
          {load.kind === 'idle' ? 'Compare with live systems' : 'Compare again'}
        </button>
      </div>
      <div aria-live="polite" className="mt-3 text-sm">
        {load.kind === 'idle' && (
          <p className="text-slate-600">
            Reads the source and target systems now and shows their values beside the ledger&apos;s,
            field by field.
          </p>
        )}
        {load.kind === 'loading' && <p className="text-slate-600">Reading the live systems…</p>}
        {load.kind === 'failed' && (
          <p role="alert" className="text-red-800">
            The comparison could not be made: {load.message}.
          </p>
        )}
        {load.kind === 'loaded' && <ComparisonTable comparison={load.comparison} />}
      </div>
    </section>
  );
}

type Reading = StateComparison['systems'][number]['reading'];

function ReadingLine({ name, reading }: { name: string; reading: Reading }) {
  switch (reading.state) {
    case 'read':
      return (
        <li>
          <strong>{name}</strong>: record {reading.ref}
          {reading.status && <> · status {reading.status}</>} · read at{' '}
          <Time value={reading.readAt} />
        </li>
      );
    case 'absent':
      return (
        <li>
          <strong>{name}</strong>: {reading.message} (read at <Time value={reading.readAt} />)
        </li>
      );
    case 'failed':
      return (
        <li className="text-red-800">
          <strong>{name}</strong>: {reading.message} (tried at <Time value={reading.readAt} />)
        </li>
      );
    case 'not_read':
      return (
        <li className="text-slate-600">
          <strong>{name}</strong>: {reading.message}
        </li>
      );
    default: {
      const exhaustive: never = reading;
      return exhaustive;
    }
  }
}

const CELL_WORDS = { absent: 'no such field', not_read: 'not read' } as const;

function ComparisonTable({ comparison: c }: { comparison: StateComparison }) {
  return (
    <>
      <ul className="mb-3 space-y-1">
        <li>
          <strong>Ledger</strong>:{' '}
          {c.ledger.commandSentAt ? (
            <>
              command sent at <Time value={c.ledger.commandSentAt} /> · transaction{' '}
              {c.status.replace('_', ' ')}
            </>
          ) : (
            <>no command was sent yet · transaction {c.status.replace('_', ' ')}</>
          )}
        </li>
        {c.systems.map((s) => (
          <ReadingLine key={s.key} name={`${s.name} (${s.role})`} reading={s.reading} />
        ))}
      </ul>
      <p className="mb-2" data-testid="comparison-summary">
        {c.summary.text}
      </p>
      {c.rows.length === 0 ? (
        <p className="text-slate-600">There are no fields to compare.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Field by field: ledger and live values</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Field
                </th>
                <th scope="col" className="py-1 pr-3">
                  Ledger
                </th>
                {c.systems.map((s) => (
                  <th key={s.key} scope="col" className="py-1 pr-3">
                    {s.name}
                  </th>
                ))}
                <th scope="col" className="py-1 pr-3">
                  Owner
                </th>
                <th scope="col" className="py-1">
                  Difference
                </th>
              </tr>
            </thead>
            <tbody>
              {c.rows.map((r) => (
                <tr
                  key={r.field}
                  className={`border-b border-slate-100 ${r.difference === 'different' ? 'bg-amber-50' : ''}`}
                >
                  <th scope="row" className="py-1 pr-3 font-mono font-normal">
                    {r.field}
                  </th>
                  <td className="py-1 pr-3 font-mono">{r.inLedger ? r.ledger : '—'}</td>
                  {r.cells.map((cell, i) => (
                    <td
                      key={c.systems[i]?.key ?? i}
                      className={`py-1 pr-3 font-mono ${cell.state === 'different' ? 'font-semibold text-amber-900' : ''}`}
                    >
                      {cell.state === 'same' || cell.state === 'different'
                        ? cell.value
                        : CELL_WORDS[cell.state]}
                    </td>
                  ))}
                  <td className="py-1 pr-3">{r.owner ? `${r.owner.name} owns it` : '—'}</td>
                  <td className="py-1">
                    {r.difference === 'different'
                      ? 'Differs'
                      : r.difference === 'same'
                        ? 'Same'
                        : 'Not compared'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
