'use client';

import { debounce, parseAsString, useQueryStates } from 'nuqs';
import { useTransition } from 'react';
// Shared with the Transactions screen's filter bar (same URL conventions).
import { LabelledSelect as Select } from '@/components/ui/labelled-select';
import { ZonedDateTimeInput } from '@/components/time/zoned-date-time-input';

const parsers = {
  actor: parseAsString,
  action: parseAsString,
  objectType: parseAsString,
  objectId: parseAsString,
  from: parseAsString,
  to: parseAsString,
  cursor: parseAsString,
};

export const actionWords = (action: string) => action.replaceAll(/[._]/g, ' ');
const control = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm';

/** The filters live in the URL; every change asks the server for the first page again. */
export function AuditFilterBar({
  actions,
  objectTypes,
  actors,
}: {
  actions: readonly string[];
  objectTypes: readonly string[];
  actors: readonly string[];
}) {
  const [pending, startTransition] = useTransition();
  const [filters, setFilters] = useQueryStates(parsers, { shallow: false, startTransition });
  const set = (patch: Partial<Record<keyof typeof parsers, string | null>>) =>
    void setFilters({ ...patch, cursor: null });
  const typed = (key: 'actor' | 'objectId', value: string) =>
    void setFilters({ [key]: value || null, cursor: null }, { limitUrlUpdates: debounce(400) });
  const active = [
    filters.actor,
    filters.action,
    filters.objectType,
    filters.objectId,
    filters.from,
    filters.to,
  ].some(Boolean);
  return (
    <div
      role="search"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
    >
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="audit-actor" className="font-medium">
          Actor
        </label>
        <input
          id="audit-actor"
          type="search"
          list="audit-actors"
          placeholder="Part of a name"
          value={filters.actor ?? ''}
          onChange={(e) => typed('actor', e.target.value)}
          className={`${control} w-48`}
        />
        <datalist id="audit-actors">
          {actors.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <Select
        id="audit-action"
        label="Action"
        value={filters.action}
        any="Any action"
        options={actions.map((a) => ({ value: a, label: actionWords(a) }))}
        onChange={(v) => set({ action: v })}
      />
      <Select
        id="audit-object-type"
        label="Object"
        value={filters.objectType}
        any="Any object"
        options={objectTypes.map((t) => ({ value: t, label: actionWords(t) }))}
        onChange={(v) => set({ objectType: v })}
      />
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="audit-object-id" className="font-medium">
          Object id
        </label>
        <input
          id="audit-object-id"
          type="search"
          value={filters.objectId ?? ''}
          onChange={(e) => typed('objectId', e.target.value)}
          className={`${control} w-56`}
        />
      </div>
      <ZonedDateTimeInput label="From" iso={filters.from} onChange={(v) => set({ from: v })} />
      <ZonedDateTimeInput label="To" iso={filters.to} onChange={(v) => set({ to: v })} />
      {active && (
        <button
          type="button"
          onClick={() =>
            set({
              actor: null,
              action: null,
              objectType: null,
              objectId: null,
              from: null,
              to: null,
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
