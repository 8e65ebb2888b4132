import { describe, expect, it } from 'vitest';
import { parseAlertRule } from './alert-rule-params';

const flowId = '0198a0b2-0000-7000-8000-000000000001';

describe('parseAlertRule', () => {
  it('fills the defaults of a failure-rate rule', () => {
    expect(parseAlertRule('failure_rate', { flowId, ratePercent: 20 })).toEqual({
      kind: 'failure_rate',
      params: { flowId, ratePercent: 20, windowMinutes: 15, minTransactions: 10 },
    });
  });

  it('refuses bad parameters with the field named', () => {
    expect(() => parseAlertRule('failure_rate', { flowId: 'x', ratePercent: 20 })).toThrow(
      /unknown flow/,
    );
    expect(() => parseAlertRule('backlog_age', {})).toThrow(/olderThanMinutes/);
  });

  it('refuses an unknown kind', () => {
    expect(() => parseAlertRule('disk_full', {})).toThrow(/unknown alert kind "disk_full"/);
  });

  it('takes an SLA rule alert without parameters (every SLA rule, one breach)', () => {
    expect(parseAlertRule('sla_breach', {})).toEqual({
      kind: 'sla_breach',
      params: { minBreaches: 1 },
    });
  });
});
