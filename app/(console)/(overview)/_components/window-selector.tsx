import Link from '@/components/ui/link';
import { OVERVIEW_WINDOWS, type OverviewWindow } from '@/lib/overview/window';

const LABEL: Record<OverviewWindow, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
};

/** Plain links: the window lives in the URL (?window=24h), so a view can be shared and kept. */
export function WindowSelector({ current }: { current: OverviewWindow }) {
  return (
    <nav aria-label="Time window">
      <ul className="flex overflow-hidden rounded border border-slate-300 bg-white text-sm">
        {OVERVIEW_WINDOWS.map((w) => (
          <li key={w} className="border-l border-slate-300 first:border-l-0">
            <Link
              href={w === '24h' ? '/' : `/?window=${w}`}
              aria-current={w === current ? 'page' : undefined}
              className={`block px-3 py-1.5 font-medium focus-visible:outline-2 ${
                w === current ? 'bg-blue-700 text-white' : 'text-slate-700 hover:bg-slate-50'
              }`}
            >
              {LABEL[w]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
