'use client';

import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import type { ActionResult } from '@/lib/http/action-result';
import type { FlowFormOptions, FlowSettings } from '@/lib/flows/flow-form.presenter';
import { RetryPolicyFields } from './retry-policy-fields';

const input = 'w-full max-w-xl rounded border border-slate-300 px-2 py-1.5 text-sm';
const select = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';
const label = 'block text-sm font-medium';

type FormAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** One field with its label, hint and the use case's messages for it. */
function Field({
  id,
  text,
  hint,
  errors,
  children,
}: {
  id: string;
  text: string;
  hint?: string;
  errors: string[];
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className={label}>
        {text}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {children}
      {errors.map((e) => (
        <p key={e} id={`${id}-error`} className="text-sm text-red-800">
          {e}
        </p>
      ))}
    </div>
  );
}

/**
 * The one form for a new flow and a flow's settings. The event types follow the chosen source and
 * the operations the chosen target (each connection's adapter says what it offers). Submitting
 * keeps what was typed: a refusal names the field, and a success leaves the saved values shown.
 */
export function FlowForm({
  options,
  flow,
  action,
  submitLabel,
}: {
  options: FlowFormOptions;
  /** null: a new flow */
  flow: FlowSettings | null;
  action: FormAction;
  submitLabel: string;
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const first = options.connections[0]?.id ?? '';
  const [sourceId, setSourceId] = useState(flow?.sourceConnectionId ?? first);
  const [targetId, setTargetId] = useState(flow?.targetConnectionId ?? first);
  const source = options.connections.find((c) => c.id === sourceId);
  const target = options.connections.find((c) => c.id === targetId);
  const errors = (state && !state.ok ? state.fieldErrors : undefined) ?? {};
  const errorsOf = (name: string) => errors[name] ?? [];
  // a flow with history keeps its route (the use case refuses a change; the form says so first)
  const routeFixed = (flow?.transactionCount ?? 0) > 0;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  const others = options.flows.filter((f) => f.id !== flow?.id);

  return (
    <form
      onSubmit={onSubmit}
      aria-label={flow ? 'Flow settings' : 'New flow'}
      className="space-y-5"
    >
      {flow && <input type="hidden" name="id" value={flow.id} />}
      <div className="grid max-w-3xl gap-4 sm:grid-cols-2">
        <Field id="name" text="Name" errors={errorsOf('name')}>
          <input id="name" name="name" required defaultValue={flow?.name} className={input} />
        </Field>
        <Field
          id="key"
          text="Key"
          hint="lowercase letters, digits, dashes; used in configuration files"
          errors={errorsOf('key')}
        >
          <input
            id="key"
            name="key"
            required
            pattern="[a-z0-9][a-z0-9-]{1,62}"
            defaultValue={flow?.key}
            className={input}
          />
        </Field>
      </div>

      <fieldset className="space-y-3 rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Route</legend>
        {routeFixed && (
          <p className="text-sm text-slate-700">
            This flow has {flow?.transactionCount} transactions: its route is part of their history
            and stays as it is. For a new route, create a new flow and retire this one.
          </p>
        )}
        <div className="flex flex-wrap gap-4">
          <Field id="sourceConnectionId" text="Source" errors={errorsOf('sourceConnectionId')}>
            <select
              id="sourceConnectionId"
              name="sourceConnectionId"
              value={sourceId}
              disabled={routeFixed}
              onChange={(e) => setSourceId(e.target.value)}
              className={select}
            >
              {options.connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="eventType" text="Event" errors={errorsOf('eventType')}>
            <select
              id="eventType"
              name="eventType"
              key={`event:${sourceId}`}
              defaultValue={flow?.sourceConnectionId === sourceId ? flow.eventType : undefined}
              disabled={routeFixed}
              className={select}
            >
              {(source?.eventTypes ?? []).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <Field id="targetConnectionId" text="Target" errors={errorsOf('targetConnectionId')}>
            <select
              id="targetConnectionId"
              name="targetConnectionId"
              value={targetId}
              disabled={routeFixed}
              onChange={(e) => setTargetId(e.target.value)}
              className={select}
            >
              {options.connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="operation" text="Operation" errors={errorsOf('operation')}>
            <select
              id="operation"
              name="operation"
              key={`operation:${targetId}`}
              defaultValue={flow?.targetConnectionId === targetId ? flow.operation : undefined}
              disabled={routeFixed}
              className={select}
            >
              {(target?.operations ?? []).map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {routeFixed && flow && (
          <>
            {/* disabled fields are not submitted: the unchanged route travels hidden */}
            <input type="hidden" name="sourceConnectionId" value={flow.sourceConnectionId} />
            <input type="hidden" name="eventType" value={flow.eventType} />
            <input type="hidden" name="targetConnectionId" value={flow.targetConnectionId} />
            <input type="hidden" name="operation" value={flow.operation} />
          </>
        )}
        <Field
          id="dependsOnFlowId"
          text="Waits for"
          hint="the flow whose transaction for the same order must complete first"
          errors={errorsOf('dependsOnFlowId')}
        >
          <select
            id="dependsOnFlowId"
            name="dependsOnFlowId"
            defaultValue={flow?.dependsOnFlowId ?? ''}
            className={select}
          >
            <option value="">nothing</option>
            {others.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
                {f.status === 'retired' ? ' (retired)' : ''}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <RetryPolicyFields
        policy={flow?.retryPolicy ?? null}
        classes={options.retryingClasses}
        errors={errors}
      />

      <fieldset className="space-y-3 rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Reconciliation and SLA</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="reconcileScheduled"
            defaultChecked={flow?.reconciliation.scheduled ?? true}
          />
          Reconcile the previous day on a schedule
        </label>
        <Field
          id="reconcileCron"
          text="Schedule (UTC cron, blank: the nightly default)"
          errors={errorsOf('reconciliation.cron')}
        >
          <input
            id="reconcileCron"
            name="reconcileCron"
            defaultValue={flow?.reconciliation.cron ?? ''}
            placeholder="15 2 * * *"
            className={`${input} font-mono`}
          />
        </Field>
        <Field
          id="slaMinutes"
          text="Complete within (minutes, blank: no SLA)"
          hint="an SLA breach is raised for an order whose transaction of this flow is not completed in time"
          errors={errorsOf('slaMinutes')}
        >
          <input
            id="slaMinutes"
            name="slaMinutes"
            type="number"
            min={1}
            defaultValue={flow?.slaMinutes ?? ''}
            className="w-32 rounded border border-slate-300 px-2 py-1.5 text-sm"
          />
        </Field>
      </fieldset>

      {flow?.status === 'retired' && (
        <Field
          id="status"
          text="Status"
          hint="this flow is retired; choose active or paused to bring it back"
          errors={errorsOf('status')}
        >
          <select id="status" name="status" defaultValue="retired" className={select}>
            <option value="retired">retired</option>
            <option value="active">active (reactivate)</option>
            <option value="paused">paused (reactivate, paused)</option>
          </select>
        </Field>
      )}

      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 disabled:opacity-60"
        >
          {pending ? 'Saving…' : submitLabel}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
