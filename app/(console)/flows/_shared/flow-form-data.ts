// How the flow form is read (not an action module: no "use server"). Field names are flat
// ("retry.provider_outage.baseDelaySeconds"); this turns them into the use case's input. Delays are
// typed in seconds and stored in milliseconds. A blank number is "not set": the default for the
// flow's policy, "use the flow's default" for a class, "no SLA" for the minutes. Ranges are the
// use case's to check (lib/flows/flow-input.ts), so its messages reach the form beside the field.
import { z } from 'zod';
import { RETRYING_CLASSES } from '@/lib/engine/retry-policy';

type Form = Record<string, unknown>;

const textOf = (form: Form, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** A number field: blank -> undefined; anything else as a number (NaN is refused by the schema). */
const numberOf = (form: Form, name: string): number | undefined => {
  const t = textOf(form, name);
  return t === '' ? undefined : Number(t);
};

const millisOf = (form: Form, name: string): number | undefined => {
  const seconds = numberOf(form, name);
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
};

function budgetOf(form: Form, prefix: string) {
  const budget = {
    maxAttempts: numberOf(form, `${prefix}.maxAttempts`),
    baseDelayMs: millisOf(form, `${prefix}.baseDelaySeconds`),
    maxDelayMs: millisOf(form, `${prefix}.maxDelaySeconds`),
  };
  return Object.fromEntries(Object.entries(budget).filter(([, v]) => v !== undefined));
}

function toInput(form: Form) {
  const classes = Object.fromEntries(
    RETRYING_CLASSES.flatMap((c) => {
      const budget = budgetOf(form, `retry.${c}`);
      return Object.keys(budget).length > 0 ? [[c, budget]] : [];
    }),
  );
  const cron = textOf(form, 'reconcileCron');
  const dependsOn = textOf(form, 'dependsOnFlowId');
  const status = textOf(form, 'status');
  return {
    name: textOf(form, 'name'),
    key: textOf(form, 'key'),
    sourceConnectionId: textOf(form, 'sourceConnectionId'),
    eventType: textOf(form, 'eventType'),
    targetConnectionId: textOf(form, 'targetConnectionId'),
    operation: textOf(form, 'operation'),
    retryPolicy: { ...budgetOf(form, 'retry'), classes },
    dependsOnFlowId: dependsOn === '' ? null : dependsOn,
    reconciliation: { scheduled: form.reconcileScheduled !== undefined, cron: cron || null },
    slaMinutes: numberOf(form, 'slaMinutes') ?? null,
    ...(status !== '' && { status }),
  };
}

/** The form as the use case's input; the use case parses it (and names each bad field). */
export const flowForm = z.preprocess(
  (form) => (typeof form === 'object' && form !== null ? toInput(form as Form) : {}),
  z.record(z.string(), z.unknown()),
);

/** The settings form: the flow's id beside its fields. */
export const flowSettingsForm = z.preprocess(
  (form) => {
    const f = typeof form === 'object' && form !== null ? (form as Form) : {};
    return { id: f.id, fields: toInput(f) };
  },
  z.object({ id: z.uuid('unknown flow'), fields: z.record(z.string(), z.unknown()) }),
);

/** Retire and delete send the flow's id only. */
export const flowIdForm = z.object({ id: z.uuid('unknown flow') });
