import { Skeleton } from '@/components/ui/skeleton';

/** The Transaction screen's shape while it loads: header, actions, timeline entries. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading the transaction…</span>
      <Skeleton className="h-4 w-28" />
      <div className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <Skeleton className="h-7 w-96 max-w-full" />
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-5 w-full" />
          ))}
        </div>
      </div>
      <Skeleton className="h-16 w-full" />
      <Skeleton className="h-6 w-32" />
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="ml-5 h-20 w-full" />
      ))}
    </div>
  );
}
