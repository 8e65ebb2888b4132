'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { endConnectionWebhookOverlap } from '../actions';

/** Stops accepting the previous webhook secret now (the provider has switched, or it leaked). */
export function EndOverlapButton({ id }: { id: string }) {
  const [state, submit, pending] = useActionState(endConnectionWebhookOverlap, null);
  return (
    <form action={submit} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-amber-700 bg-white px-2 py-1 text-sm font-medium text-amber-900 hover:bg-amber-50 focus-visible:outline-2 disabled:opacity-60"
      >
        {pending ? 'Ending…' : 'End overlap now'}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
