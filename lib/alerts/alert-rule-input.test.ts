import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import {
  ALERT_PARAM_FIELDS,
  createAlertRuleSchema,
  parseAlertParams,
  paramsFromForm,
  updateAlertRuleSchema,
} from './alert-rule-input';
import { ALERT_KINDS, alertParamsSchemas } from './alert-rule-params';

const FLOW = '0193a5b0-0000-7000-8000-000000000001';

function refusal(fn: () => unknown): { message: string; fieldErrors: Record<string, string[]> } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error))
      return {
        message: error.message,
        fieldErrors: (error.details as { fieldErrors: Record<string, string[]> }).fieldErrors,
      };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('createAlertRuleSchema', () => {
  const valid = {
    name: ' Warehouse failing ',
    kind: 'failure_rate',
    params: { flowId: FLOW, ratePercent: 20 },
    webhookUrl: 'https://alerts.example.com/hook',
  };

  it('fills the defaults and trims the name', () => {
    expect(createAlertRuleSchema.parse(valid)).toEqual({
      ...valid,
      name: 'Warehouse failing',
      channel: 'webhook',
      quietMinutes: 30,
      enabled: true,
    });
  });

  it.each([
    [{ name: '' }, 'give the rule a name'],
    [{ kind: 'everything' }, 'choose what the rule watches'],
    [{ webhookUrl: '' }, 'give the webhook URL'],
    [{ quietMinutes: 0 }, 'the quiet period must be at least 1 minute'],
    [{ quietMinutes: 10081 }, 'at most 10080 minutes'],
    [{ quietMinutes: 2.5 }, 'whole minutes'],
    [{ secretEncrypted: 'x' }, 'Unrecognized key'],
    [{ channel: 'fax' }, 'choose where alerts go'],
    [{ channel: 'email', emailRecipients: ['not-an-address'] }, 'give valid email addresses'],
    [{ channel: 'email', emailRecipients: [] }, 'give at least one recipient'],
    [{ channel: 'pagerduty', pagerdutySeverity: 'loud' }, 'choose a severity'],
  ])('refuses %o in words', (change, words) => {
    const result = createAlertRuleSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(words);
  });

  it('lets an update leave everything out but not change the kind', () => {
    expect(updateAlertRuleSchema.parse({})).toEqual({});
    expect(updateAlertRuleSchema.safeParse({ kind: 'circuit_open' }).success).toBe(false);
  });
});

describe('parseAlertParams', () => {
  it('applies the evaluation defaults', () => {
    expect(parseAlertParams('failure_rate', { flowId: FLOW, ratePercent: 20 })).toEqual({
      flowId: FLOW,
      ratePercent: 20,
      windowMinutes: 15,
      minTransactions: 10,
    });
    expect(parseAlertParams('circuit_open', {})).toEqual({});
  });

  it.each([
    [
      'failure_rate',
      { flowId: FLOW },
      '"Failure rate above (%)" is required',
      'params.ratePercent',
    ],
    ['failure_rate', { flowId: FLOW, ratePercent: 0 }, 'must be at least 1', 'params.ratePercent'],
    [
      'failure_rate',
      { flowId: FLOW, ratePercent: 101 },
      'can be at most 100',
      'params.ratePercent',
    ],
    ['failure_rate', { flowId: 'x', ratePercent: 5 }, 'unknown flow', 'params.flowId'],
    ['backlog_age', { olderThanMinutes: 1.5 }, 'must be a whole number', 'params.olderThanMinutes'],
    ['backlog_age', { olderThanMinutes: 'ten' }, 'must be a number', 'params.olderThanMinutes'],
    [
      'sla_breach',
      { minBreaches: 0 },
      '"At least this many open breaches" must be at least 1',
      'params.minBreaches',
    ],
  ] as const)('%s %o: %s', (kind, params, words, field) => {
    const { message, fieldErrors } = refusal(() => parseAlertParams(kind, params));
    expect(message).toContain(words);
    expect(Object.keys(fieldErrors)).toContain(field);
  });
});

describe('the form fields of each kind', () => {
  it.each(ALERT_KINDS)('%s: every field is a parameter of the kind, and back', (kind) => {
    const shape = Object.keys(alertParamsSchemas[kind].shape).sort();
    expect(ALERT_PARAM_FIELDS[kind].map((f) => f.key).sort()).toEqual(shape);
  });

  it('reads numbers as numbers and leaves empty fields out', () => {
    const form = new Map([
      ['param.flowId', FLOW],
      ['param.ratePercent', ' 25 '],
      ['param.windowMinutes', ''],
      ['param.minTransactions', 'many'],
    ]);
    expect(paramsFromForm('failure_rate', (k) => form.get(k) ?? null)).toEqual({
      flowId: FLOW,
      ratePercent: 25,
      minTransactions: 'many',
    });
  });
});
