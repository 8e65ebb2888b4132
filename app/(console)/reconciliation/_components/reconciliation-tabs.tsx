import Link from '@/components/ui/link';

/** Runs (each comparison) and Daily (finance's day-by-day totals) are two views of one screen. */
export function ReconciliationTabs({ current }: { current: 'runs' | 'daily' }) {
  const tab = (key: 'runs' | 'daily', href: string, label: string) => (
    <Link
      href={href}
      aria-current={current === key ? 'page' : undefined}
      className={`rounded-t border-b-2 px-3 py-1.5 text-sm ${current === key ? 'border-blue-700 font-semibold text-blue-900' : 'border-transparent text-slate-700 hover:text-blue-800'}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Reconciliation views" className="flex gap-1 border-b border-slate-200">
      {tab('runs', '/reconciliation', 'Runs')}
      {tab('daily', '/reconciliation/daily', 'Daily totals')}
    </nav>
  );
}
