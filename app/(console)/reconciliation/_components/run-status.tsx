const TONE: Record<string, string> = {
  running: 'bg-blue-100 text-blue-900',
  completed: 'bg-green-100 text-green-900',
  failed: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-700',
};

export function RunStatus({ status }: { status: string }) {
  return (
    <span
      data-run-status={status}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[status] ?? 'bg-slate-100'}`}
    >
      {status}
    </span>
  );
}
