'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';
import { TIMELINE_ORDER_COOKIE, TIMELINE_ORDER_MAX_AGE_S } from './timeline-order';

const KINDS = [
  { value: null, label: 'All' },
  { value: 'command', label: 'Commands' },
  { value: 'event', label: 'Events' },
  { value: 'state_change', label: 'Status' },
  { value: 'reconciliation', label: 'Reconciliation' },
  { value: 'human_action', label: 'People' },
] as const;

const button =
  'rounded border px-2 py-1 text-xs font-medium aria-pressed:border-blue-700 aria-pressed:bg-blue-50 aria-pressed:text-blue-900 border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:opacity-60';

/**
 * Order and kind of the timeline, in the URL (?order=, ?kind=) so a link shows the same view; the
 * order is also remembered in a cookie for the next transaction. The server arranges the entries.
 */
export function TimelineControls({
  order,
  kind,
}: {
  order: 'newest' | 'oldest';
  kind: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  const go = (key: 'order' | 'kind', value: string | null) => {
    const next = new URLSearchParams(params.toString());
    if (value === null) next.delete(key);
    else next.set(key, value);
    const query = next.toString();
    start(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  };
  const setOrder = (value: 'newest' | 'oldest') => {
    document.cookie = `${TIMELINE_ORDER_COOKIE}=${value}; path=/; max-age=${TIMELINE_ORDER_MAX_AGE_S}; samesite=lax`;
    go('order', value);
  };
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2" aria-busy={pending}>
      <div role="group" aria-label="Timeline order" className="flex items-center gap-1">
        {(['newest', 'oldest'] as const).map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={order === value}
            disabled={pending}
            onClick={() => setOrder(value)}
            className={button}
          >
            {value === 'newest' ? 'Newest first' : 'Oldest first'}
          </button>
        ))}
      </div>
      <div role="group" aria-label="Show kind" className="flex flex-wrap items-center gap-1">
        <span className="text-xs text-slate-600">Show</span>
        {KINDS.map((k) => (
          <button
            key={k.label}
            type="button"
            aria-pressed={kind === k.value}
            disabled={pending}
            onClick={() => go('kind', k.value)}
            className={button}
          >
            {k.label}
          </button>
        ))}
      </div>
    </div>
  );
}
