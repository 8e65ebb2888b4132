// What an admin may write on an alert rule. The kind's parameters are checked with the same
// schemas the evaluation uses (alert-rule-params.ts), and refusals are put in words a form shows
// ("the failure rate (%) must be at least 1"), not zod's codes. The form fields of each kind are
// described here once, for the console's form and for reading that form back.
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { ALERT_KINDS, alertParamsSchemas, type AlertKind } from './alert-rule-params';
import { channelField, destinationFields } from './channel-input';

export const MAX_QUIET_MINUTES = 7 * 24 * 60;

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  failure_rate: 'Failure rate of a flow',
  backlog_age: 'Oldest backlog age',
  circuit_open: 'Circuit open on a connection',
  sla_breach: 'SLA breaches',
  reconciliation_drift: 'Reconciliation drift',
};

export interface ParamField {
  key: string;
  label: string;
  /** a reference (chosen from a list) or a number */
  type: 'flow' | 'connection' | 'sla_rule' | 'number';
  required: boolean;
  help?: string;
  min?: number;
  max?: number;
  /** the default the evaluation applies when left empty */
  placeholder?: string;
}

export const ALERT_PARAM_FIELDS: Record<AlertKind, ParamField[]> = {
  reconciliation_drift: [
    {
      key: 'flowId',
      label: 'Flow',
      type: 'flow',
      required: false,
      help: "leave empty to watch every flow's reconciliation, one alert each",
    },
    {
      key: 'minDriftItems',
      label: 'At least this many drift items in the latest run',
      type: 'number',
      required: false,
      min: 1,
      placeholder: '1',
    },
  ],
  failure_rate: [
    { key: 'flowId', label: 'Flow', type: 'flow', required: true },
    {
      key: 'ratePercent',
      label: 'Failure rate above (%)',
      type: 'number',
      required: true,
      min: 1,
      max: 100,
    },
    {
      key: 'windowMinutes',
      label: 'Over the last (minutes)',
      type: 'number',
      required: false,
      min: 1,
      max: 1440,
      placeholder: '15',
    },
    {
      key: 'minTransactions',
      label: 'Only with at least this many transactions',
      type: 'number',
      required: false,
      min: 1,
      placeholder: '10',
      help: 'so that 1 failure out of 2 does not alert',
    },
  ],
  backlog_age: [
    {
      key: 'connectionId',
      label: 'Connection',
      type: 'connection',
      required: false,
      help: 'leave empty to watch every connection, one alert each',
    },
    {
      key: 'olderThanMinutes',
      label: 'Oldest pending older than (minutes)',
      type: 'number',
      required: true,
      min: 1,
      max: MAX_QUIET_MINUTES,
    },
  ],
  circuit_open: [
    {
      key: 'connectionId',
      label: 'Connection',
      type: 'connection',
      required: false,
      help: 'leave empty to watch every connection, one alert each',
    },
  ],
  sla_breach: [
    {
      key: 'slaRuleId',
      label: 'SLA rule',
      type: 'sla_rule',
      required: false,
      help: 'leave empty to watch every SLA rule, one alert each',
    },
    {
      key: 'minBreaches',
      label: 'At least this many open breaches',
      type: 'number',
      required: false,
      min: 1,
      placeholder: '1',
    },
  ],
};

const name = z
  .string('give the rule a name')
  .trim()
  .min(1, 'give the rule a name')
  .max(100, 'the name is too long (100 characters at most)');
const quietMinutes = z.coerce
  .number('give the quiet period in minutes')
  .int('give the quiet period in whole minutes')
  .min(1, 'the quiet period must be at least 1 minute')
  .max(MAX_QUIET_MINUTES, `the quiet period can be at most ${MAX_QUIET_MINUTES} minutes (a week)`);
const params = z.record(z.string(), z.unknown(), 'the parameters must be an object');

export const createAlertRuleSchema = z.strictObject({
  name,
  kind: z.enum(ALERT_KINDS, 'choose what the rule watches'),
  params: params.default({}),
  /** where alerts go; the channel's own destination fields are required (channel-input.ts) */
  channel: channelField.default('webhook'),
  ...destinationFields,
  quietMinutes: quietMinutes.default(30),
  enabled: z.boolean().default(true),
});
export type CreateAlertRuleInput = z.input<typeof createAlertRuleSchema>;

/**
 * Fields left out stay as they are. The kind and the channel cannot change: that is another rule;
 * the destination fields of the rule's channel replace the destination.
 */
export const updateAlertRuleSchema = z.strictObject({
  name: name.optional(),
  params: params.optional(),
  ...destinationFields,
  quietMinutes: quietMinutes.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateAlertRuleInput = z.input<typeof updateAlertRuleSchema>;

function labelOf(kind: AlertKind, key: PropertyKey | undefined): string {
  const field = ALERT_PARAM_FIELDS[kind].find((f) => f.key === key);
  return field ? `"${field.label}"` : `the parameter ${String(key)}`;
}

/** A parameter refusal in words. */
function paramIssue(kind: AlertKind, issue: z.core.$ZodRawIssue): string {
  const field = labelOf(kind, issue.path?.[0]);
  if (issue.code === 'too_small') return `${field} must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `${field} can be at most ${String(issue.maximum)}`;
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined || issue.input === '') return `${field} is required`;
    return issue.expected === 'int'
      ? `${field} must be a whole number`
      : `${field} must be a ${issue.expected}`;
  }
  return `${field} is not valid`;
}

/** The kind's parameters, parsed with the evaluation's schema, or a VALIDATION_FAILED in words. */
export function parseAlertParams(kind: AlertKind, value: unknown): Record<string, unknown> {
  const result = alertParamsSchemas[kind].safeParse(value, {
    error: (issue) => paramIssue(kind, issue),
  });
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues)
    (fieldErrors[`params.${issue.path.map(String).join('.')}`] ??= []).push(issue.message);
  throw new AppError('VALIDATION_FAILED', result.error.issues[0]?.message ?? 'invalid parameters', {
    fieldErrors,
  });
}

/**
 * Reads a kind's parameter fields from a form ("param.<key>"): empty fields are left out (the
 * evaluation's default applies), numbers become numbers; anything else is left for the schema to
 * refuse in words.
 */
export function paramsFromForm(
  kind: AlertKind,
  get: (name: string) => string | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of ALERT_PARAM_FIELDS[kind]) {
    const raw = get(`param.${field.key}`)?.trim() ?? '';
    if (raw === '') continue;
    const asNumber = Number(raw);
    out[field.key] = field.type === 'number' && Number.isFinite(asNumber) ? asNumber : raw;
  }
  return out;
}
