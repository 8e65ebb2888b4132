'use client';

import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { useFormatTime } from '@/components/time/time';
import type { TestPayload } from '@/lib/mapping/test-payloads.presenter';
import { findTestPayloads } from '../actions';
import { toForm } from './to-form';

// the receipt time in the viewer's zone, labelled (an <option> holds text only, not a <Time>)
const label = (p: TestPayload, time: (iso: string) => string) =>
  `${p.businessKey} · ${p.topic ?? 'event'} · ${p.failed ? `${p.status.replaceAll('_', ' ')} · ` : ''}${time(p.receivedAt)}`;

/**
 * The stored payload to run on: the page's first list (failed first, then newest), or what a
 * search by order number / business key finds among all of this flow's payloads.
 */
export function PayloadPicker({
  flowId,
  initial,
  value,
  onChange,
}: {
  flowId: string;
  initial: TestPayload[];
  value: string;
  /** stable (a state setter): a search's answer selects its first payload */
  onChange: (id: string) => void;
}) {
  const formatTime = useFormatTime();
  const searchId = useId();
  const selectId = useId();
  const [search, setSearch] = useState('');
  const [payloads, setPayloads] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const asked = useRef(0);
  // The last term whose answer is on screen: '' is the page's own list.
  const shown = useRef('');

  useEffect(() => {
    const term = search.trim();
    if (term === shown.current) return;
    const timer = setTimeout(() => {
      const ask = ++asked.current;
      startTransition(async () => {
        const answer = term
          ? await findTestPayloads(toForm({ flowId, search: term }))
          : { ok: true as const, payloads: initial };
        // A slower, older answer must not replace a newer one.
        if (ask !== asked.current) return;
        if (!answer.ok) {
          setError(answer.error);
          return;
        }
        shown.current = term;
        setError(null);
        setPayloads(answer.payloads);
        onChange(answer.payloads[0]?.id ?? '');
      });
    }, 300);
    return () => clearTimeout(timer);
  }, [search, flowId, initial, onChange]);

  const failed = payloads.filter((p) => p.failed);
  const others = payloads.filter((p) => !p.failed);
  return (
    <>
      <div>
        <label htmlFor={searchId} className="block text-sm font-medium">
          Find a payload
        </label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder="Order number or business key"
          onChange={(e) => setSearch(e.target.value)}
          className="mt-1 w-56 rounded border border-slate-300 px-2 py-1.5 text-sm"
        />
      </div>
      <div>
        <label htmlFor={selectId} className="block text-sm font-medium">
          Stored payload{' '}
          <span className="font-normal text-slate-600" role="status">
            {pending ? '(searching…)' : `(${payloads.length} shown, failed first)`}
          </span>
        </label>
        <select
          id={selectId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          disabled={payloads.length === 0}
          className="mt-1 max-w-md rounded border border-slate-300 px-2 py-1.5 text-sm"
        >
          {payloads.length === 0 && <option value="">No payload matches “{search}”</option>}
          {failed.length > 0 && (
            <optgroup label="Failed or in review">
              {failed.map((p) => (
                <option key={p.id} value={p.id}>
                  {label(p, formatTime)}
                </option>
              ))}
            </optgroup>
          )}
          {others.length > 0 && (
            <optgroup label={failed.length > 0 ? 'Newest' : 'Newest first'}>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {label(p, formatTime)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-800">
            {error}
          </p>
        )}
      </div>
    </>
  );
}
