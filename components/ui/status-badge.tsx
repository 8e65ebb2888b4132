const TONE: Record<string, string> = {
  completed: 'bg-green-100 text-green-900',
  received: 'bg-slate-100 text-slate-800',
  processing: 'bg-blue-100 text-blue-900',
  waiting_retry: 'bg-amber-100 text-amber-900',
  paused: 'bg-purple-100 text-purple-900',
  needs_review: 'bg-orange-100 text-orange-900',
  failed: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-700',
  retired: 'bg-slate-200 text-slate-600',
  accepted: 'bg-green-100 text-green-900',
  duplicate: 'bg-slate-100 text-slate-800',
  ignored: 'bg-slate-100 text-slate-800',
  rejected: 'bg-red-100 text-red-900',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-status={status}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[status] ?? 'bg-slate-100 text-slate-800'}`}
    >
      {status.replace('_', ' ')}
    </span>
  );
}
