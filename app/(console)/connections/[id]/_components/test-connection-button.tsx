'use client';

import { useActionState } from 'react';
import { testConnectionAction, type TestConnectionResult } from '../actions';

/** Runs the adapter's harmless authenticated read and says what came back. */
export function TestConnectionButton({ id }: { id: string }) {
  const [state, submit, pending] = useActionState<TestConnectionResult | null, FormData>(
    testConnectionAction,
    null,
  );
  const passed = state?.ok === true && state.passed;
  const text = state === null ? '' : state.ok ? state.message : state.error;
  return (
    <form action={submit} className="space-y-2" aria-label="Test connection">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 disabled:opacity-60"
      >
        {pending ? 'Testing…' : 'Test connection'}
      </button>
      <p
        role={passed ? 'status' : 'alert'}
        data-testid="test-connection-result"
        className={text ? `text-sm ${passed ? 'text-green-800' : 'text-red-800'}` : 'sr-only'}
      >
        {text}
      </p>
    </form>
  );
}
