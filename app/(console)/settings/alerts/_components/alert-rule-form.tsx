'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { useFormKeepingInput } from '@/components/ui/use-form-keeping-input';
import type { ParamField } from '@/lib/alerts/alert-rule-input';
import type { ReferenceChoices } from '@/lib/alerts/alert-rules.presenter';
import { createAlertRuleAction } from '../actions';
import { ChannelFields, type ChannelOption } from './channel-fields';
import { SecretOnce } from './secret-once';

const input = 'mt-1 w-full max-w-md rounded border border-slate-300 px-2 py-1 text-sm';

export interface KindOption {
  kind: string;
  label: string;
  fields: ParamField[];
}

/**
 * Name, what to watch (the kind, with that kind's parameter fields), where to send it and how long
 * to stay quiet. The signing secret made for the rule is shown once, here.
 */
export function AlertRuleForm({
  kinds,
  channels,
  choices,
}: {
  kinds: KindOption[];
  channels: ChannelOption[];
  choices: ReferenceChoices;
}) {
  const { state, pending, formProps } = useFormKeepingInput(createAlertRuleAction);
  const [kind, setKind] = useState(kinds[0]?.kind ?? '');
  const [dismissed, setDismissed] = useState<string | null>(null);
  const created = state?.ok && state.secret && state.secret !== dismissed ? state : null;
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const fields = kinds.find((k) => k.kind === kind)?.fields ?? [];

  if (created)
    return (
      <SecretOnce
        id="new-alert-rule"
        title={`Alert rule "${created.name}" created`}
        secret={created.secret ?? ''}
        onDismiss={() => setDismissed(created.secret)}
      />
    );

  return (
    <form {...formProps} className="max-w-3xl space-y-3">
      <div>
        <label htmlFor="alert-name" className="block text-sm font-medium">
          Name
        </label>
        <input
          id="alert-name"
          name="name"
          required
          maxLength={100}
          aria-invalid={fieldErrors?.name ? true : undefined}
          className={input}
        />
      </div>
      <div>
        <label htmlFor="alert-kind" className="block text-sm font-medium">
          Alert when
        </label>
        <select
          id="alert-kind"
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          className={input}
        >
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="rounded border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-medium">Condition</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {fields.map((f) => (
            <ParamInput key={`${kind}-${f.key}`} field={f} choices={choices} />
          ))}
        </div>
      </fieldset>
      <ChannelFields channels={channels} fieldErrors={fieldErrors} />
      <div>
        <label htmlFor="alert-quiet" className="block text-sm font-medium">
          Quiet period (minutes)
        </label>
        <p id="alert-quiet-help" className="text-xs text-slate-600">
          After an alert, the same problem is not sent again for this long; repeats are counted.
        </p>
        <input
          id="alert-quiet"
          name="quietMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={10080}
          defaultValue={30}
          aria-describedby="alert-quiet-help"
          className="mt-1 w-32 rounded border border-slate-300 px-2 py-1 text-sm"
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked />
        Enabled (evaluated every minute)
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Creating…' : 'Create alert rule'}
      </button>
      <ActionMessage state={state?.ok && state.secret ? null : state} />
    </form>
  );
}

function ParamInput({ field, choices }: { field: ParamField; choices: ReferenceChoices }) {
  const id = `alert-param-${field.key}`;
  const help = field.help ? `${id}-help` : undefined;
  const list =
    field.type === 'flow'
      ? choices.flows
      : field.type === 'connection'
        ? choices.connections
        : field.type === 'sla_rule'
          ? choices.slaRules
          : null;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {field.label}
      </label>
      {field.help && (
        <p id={help} className="text-xs text-slate-600">
          {field.help}
        </p>
      )}
      {list ? (
        <select
          id={id}
          name={`param.${field.key}`}
          required={field.required}
          defaultValue=""
          aria-describedby={help}
          className={input}
        >
          <option value="" disabled={field.required}>
            {field.required ? 'Choose one' : 'All'}
          </option>
          {list.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={`param.${field.key}`}
          type="number"
          inputMode="numeric"
          required={field.required}
          min={field.min}
          max={field.max}
          placeholder={field.placeholder}
          aria-describedby={help}
          className="mt-1 w-32 rounded border border-slate-300 px-2 py-1 text-sm"
        />
      )}
    </div>
  );
}
