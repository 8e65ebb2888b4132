import Link from '@/components/ui/link';

export const WINDOWS = {
  all: { label: 'All open', ms: null },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
} as const;
export type WindowKey = keyof typeof WINDOWS;

/** Links, not a form: each window is a shareable URL and a plain keyboard stop. */
export function WindowNav({ current }: { current: WindowKey }) {
  return (
    <nav aria-label="Failures changed within" className="flex flex-wrap gap-2 text-sm">
      {(Object.keys(WINDOWS) as WindowKey[]).map((key) => (
        <Link
          key={key}
          href={key === 'all' ? '/errors' : `/errors?window=${key}`}
          aria-current={key === current ? 'page' : undefined}
          className={
            key === current
              ? 'rounded bg-blue-700 px-3 py-1 font-medium text-white'
              : 'rounded border border-slate-300 bg-white px-3 py-1 text-slate-800 hover:bg-slate-50'
          }
        >
          {WINDOWS[key].label}
        </Link>
      ))}
    </nav>
  );
}
