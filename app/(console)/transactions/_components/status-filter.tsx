'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';

export function StatusFilter({
  statuses,
  value,
}: {
  statuses: readonly string[];
  value: string | undefined;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <label className="flex items-center gap-2 text-sm">
      Status
      <select
        name="status"
        value={value ?? ''}
        className="rounded border border-slate-300 bg-white px-2 py-1"
        onChange={(event) => {
          const next = new URLSearchParams(params);
          next.delete('cursor');
          if (event.target.value) next.set('status', event.target.value);
          else next.delete('status');
          router.push(`${pathname}?${next.toString()}`);
        }}
      >
        <option value="">All</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {s.replace('_', ' ')}
          </option>
        ))}
      </select>
    </label>
  );
}
