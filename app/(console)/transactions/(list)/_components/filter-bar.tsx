'use client';

import { debounce, parseAsArrayOf, parseAsString, useQueryStates } from 'nuqs';
import { DropdownMenu } from 'radix-ui';
import { useTransition } from 'react';
import { LabelledSelect as Select } from '@/components/ui/labelled-select';
import { ZonedDateTimeInput } from '@/components/time/zoned-date-time-input';

const parsers = {
  status: parseAsArrayOf(parseAsString).withDefault([]),
  flowId: parseAsString,
  connectionId: parseAsString,
  errorClass: parseAsString,
  from: parseAsString,
  to: parseAsString,
  q: parseAsString,
  cursor: parseAsString,
};

const words = (s: string) => s.replaceAll('_', ' ');
const control = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm';

/**
 * The filters live in the URL (shareable, reloadable); every change goes to the server, which
 * filters and answers the first page again. Invalid values in a shared link are simply ignored
 * by the server, so the bar shows whatever the URL says.
 */
export function FilterBar({
  statuses,
  errorClasses,
  flows,
  connections,
}: {
  statuses: readonly string[];
  errorClasses: readonly string[];
  flows: { id: string; name: string; targetConnectionId: string }[];
  connections: { id: string; name: string }[];
}) {
  const [pending, startTransition] = useTransition();
  const [filters, setFilters] = useQueryStates(parsers, {
    shallow: false,
    startTransition,
  });
  // A new filter is a new question: start again from its first page.
  const set = (patch: Partial<Record<keyof typeof parsers, string | string[] | null>>) =>
    void setFilters({ ...patch, cursor: null } as Parameters<typeof setFilters>[0]);
  const toggleStatus = (s: string, on: boolean) => {
    const next = on ? [...filters.status, s] : filters.status.filter((x) => x !== s);
    set({ status: next.length ? next : null });
  };
  const shownFlows = filters.connectionId
    ? flows.filter((f) => f.targetConnectionId === filters.connectionId)
    : flows;
  const active =
    filters.status.length > 0 ||
    [
      filters.flowId,
      filters.connectionId,
      filters.errorClass,
      filters.from,
      filters.to,
      filters.q,
    ].some(Boolean);
  return (
    <div
      role="search"
      aria-label="Filter transactions"
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
    >
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="filter-q" className="font-medium">
          Search
        </label>
        <input
          id="filter-q"
          type="search"
          placeholder="#1047, email, reference"
          value={filters.q ?? ''}
          onChange={(e) =>
            void setFilters(
              { q: e.target.value || null, cursor: null },
              { limitUrlUpdates: debounce(400) },
            )
          }
          className={`${control} w-56`}
        />
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <span className="font-medium" id="filter-status-label">
          Status
        </span>
        <DropdownMenu.Root>
          <DropdownMenu.Trigger
            aria-labelledby="filter-status-label filter-status-value"
            className={`${control} min-w-36 text-left`}
          >
            <span id="filter-status-value">
              {filters.status.length ? filters.status.map(words).join(', ') : 'Any status'}
            </span>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content
              align="start"
              sideOffset={4}
              className="z-30 min-w-44 rounded border border-slate-200 bg-white p-1 text-sm shadow-lg"
            >
              {statuses.map((s) => (
                <DropdownMenu.CheckboxItem
                  key={s}
                  checked={filters.status.includes(s)}
                  onCheckedChange={(on) => toggleStatus(s, on === true)}
                  onSelect={(e) => e.preventDefault()}
                  className="flex cursor-default items-center gap-2 rounded px-2 py-1 outline-none data-highlighted:bg-blue-50"
                >
                  <span aria-hidden className="w-4 text-blue-700">
                    {filters.status.includes(s) ? '✓' : ''}
                  </span>
                  {words(s)}
                </DropdownMenu.CheckboxItem>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </div>
      <Select
        id="filter-connection"
        label="Target system"
        value={filters.connectionId}
        any="Any system"
        options={connections.map((c) => ({ value: c.id, label: c.name }))}
        onChange={(v) => set({ connectionId: v, flowId: null })}
      />
      <Select
        id="filter-flow"
        label="Flow"
        value={filters.flowId}
        any="All flows"
        options={shownFlows.map((f) => ({ value: f.id, label: f.name }))}
        onChange={(v) => set({ flowId: v })}
      />
      <Select
        id="filter-class"
        label="Error class"
        value={filters.errorClass}
        any="Any class"
        options={errorClasses.map((c) => ({ value: c, label: words(c) }))}
        onChange={(v) => set({ errorClass: v })}
      />
      <ZonedDateTimeInput
        label="Received from"
        iso={filters.from}
        onChange={(v) => set({ from: v })}
      />
      <ZonedDateTimeInput label="Received to" iso={filters.to} onChange={(v) => set({ to: v })} />
      {active && (
        <button
          type="button"
          onClick={() =>
            set({
              status: null,
              flowId: null,
              connectionId: null,
              errorClass: null,
              from: null,
              to: null,
              q: null,
            })
          }
          className="rounded px-2 py-1 text-sm text-blue-700 underline underline-offset-2 hover:text-blue-900"
        >
          Clear filters
        </button>
      )}
      <span role="status" className="text-sm text-slate-600">
        {pending ? 'Updating…' : ''}
      </span>
    </div>
  );
}
