import Form from 'next/form';
import { DateTimeField } from './date-time-field';

export interface FilterDefaults {
  flowId: string;
  errorClass: string;
  statuses: string[];
  from?: string;
  to?: string;
}

const STATUS_LABEL = { failed: 'failed', needs_review: 'needs review' } as const;

/**
 * A GET form: the preview lives in the URL, so it can be shared, reloaded and is what the
 * "Start replay" form below it carries — the batch starts with exactly the previewed filter.
 */
export function ReplayFilterForm({
  flows,
  errorClasses,
  defaults,
}: {
  flows: { id: string; name: string }[];
  errorClasses: readonly string[];
  defaults: FilterDefaults;
}) {
  const control = 'rounded border border-slate-300 bg-white px-2 py-1';
  return (
    <Form
      action="/replays"
      aria-labelledby="filter-heading"
      className="rounded border border-slate-200 bg-white p-4"
    >
      <h2 id="filter-heading" className="mb-3 text-lg font-semibold">
        Choose what to replay
      </h2>
      <input type="hidden" name="preview" value="1" />
      <div className="flex flex-wrap items-end gap-4">
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="filter-flow" className="font-medium">
            Flow
          </label>
          <select id="filter-flow" name="flowId" defaultValue={defaults.flowId} className={control}>
            <option value="">All flows</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="filter-class" className="font-medium">
            Error class
          </label>
          <select
            id="filter-class"
            name="errorClass"
            defaultValue={defaults.errorClass}
            className={control}
          >
            <option value="">Any class</option>
            {errorClasses.map((c) => (
              <option key={c} value={c}>
                {c.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="text-sm">
          <legend className="font-medium">Status</legend>
          <div className="mt-1 flex gap-3">
            {(Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((s) => (
              <label key={s} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  name="statuses"
                  value={s}
                  defaultChecked={defaults.statuses.includes(s)}
                />
                {STATUS_LABEL[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <DateTimeField name="from" label="From" defaultIso={defaults.from} />
        <DateTimeField name="to" label="To" defaultIso={defaults.to} />
        <button
          type="submit"
          className="rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50"
        >
          Preview
        </button>
      </div>
      <p className="mt-2 text-xs text-slate-600">
        Times are your local time and compare with when a transaction last changed.
      </p>
    </Form>
  );
}
