import { Skeleton } from '@/components/ui/skeleton';

/** The screen's shape while the groups load: heading, window links, a few group cards. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading error queues…</span>
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-4 w-2/3" />
      <div className="flex gap-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-7 w-28" />
        ))}
      </div>
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="space-y-2 rounded border border-slate-200 bg-white p-4">
          <Skeleton className="h-5 w-1/2" />
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-8 w-96" />
        </div>
      ))}
    </div>
  );
}
