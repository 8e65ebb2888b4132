'use client';

import { useActionState, useId } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { CopyButton } from '@/components/ui/copy-button';
import { verifyChain, type VerifyAnswer } from '../actions';

const count = new Intl.NumberFormat('en-GB');
const entries = (n: number) => (n === 1 ? '1 entry' : `${count.format(n)} entries`);

/**
 * "Verify chain": recomputes every hash on the server. A clean answer shows the head to save
 * outside Waybill; giving a saved head back later is what reveals a rewrite of the whole tail.
 */
export function VerifyChain() {
  const id = useId();
  const [answer, action, pending] = useActionState<VerifyAnswer | null, FormData>(
    verifyChain,
    null,
  );
  const result = answer?.ok ? answer.result : null;
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded border border-slate-200 bg-white p-3"
    >
      <h2 id={`${id}-heading`} className="text-sm font-semibold">
        Tamper check
      </h2>
      <form action={action} className="space-y-2">
        <details className="text-sm">
          <summary className="cursor-pointer text-blue-700">Check against a head you saved</summary>
          <div className="mt-2 flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-seq`} className="font-medium">
                Entry number
              </label>
              <input
                id={`${id}-seq`}
                name="anchorSeq"
                inputMode="numeric"
                pattern="[0-9]*"
                className="w-28 rounded border border-slate-300 px-2 py-1"
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-hash`} className="font-medium">
                Head hash
              </label>
              <input
                id={`${id}-hash`}
                name="anchorHash"
                spellCheck={false}
                autoComplete="off"
                className="w-[36rem] max-w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
              />
            </div>
          </div>
        </details>
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-blue-700 bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {pending ? 'Verifying…' : 'Verify chain'}
        </button>
        <span role="status" className="ml-3 text-sm text-slate-600">
          {pending ? 'Reading and rehashing every entry; a large log takes a few seconds.' : ''}
        </span>
      </form>
      <ActionMessage state={answer && !answer.ok ? answer : null} />
      {result && (
        <div role="status" className="space-y-2 text-sm">
          {result.ok ? (
            <p className="font-medium text-green-800">
              Chain intact: {entries(result.checked)}
              {result.head && (
                <>
                  , head #{result.head.seq}{' '}
                  <code className="break-all font-mono text-xs">{result.head.hash}</code>{' '}
                  <CopyButton text={`${result.head.seq} ${result.head.hash}`} context="head" />
                </>
              )}
              {result.checked === 0 && ' (the log is empty)'}
            </p>
          ) : (
            <>
              <p className="font-medium text-red-800">
                The chain is broken:{' '}
                {result.problems.length === 1 ? '1 problem' : `${result.problems.length} problems`}{' '}
                in {entries(result.checked)}.
              </p>
              <ul className="list-disc space-y-1 pl-5 text-red-900">
                {result.problems.map((p) => (
                  <li
                    key={`${p.kind}-${'seq' in p ? p.seq : p.range.from}-${'entryId' in p ? p.entryId : ''}`}
                  >
                    <span className="font-medium">{p.kind}</span>: {p.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.anchor && (
            <p className={result.anchor.matched ? 'text-green-800' : 'text-red-800'}>
              {result.anchor.matched
                ? `Entry #${result.anchor.seq} still has the hash you saved.`
                : `Entry #${result.anchor.seq} no longer matches the head you saved.`}
            </p>
          )}
          <p className="text-xs text-slate-600">{result.limits}</p>
        </div>
      )}
    </section>
  );
}
