import { describe, expect, it } from 'vitest';
import {
  cronPatternSchema,
  describeSchedule,
  flowScheduleSchema,
  nextFireTimes,
} from './flow-schedule';

const problem = (pattern: string) =>
  cronPatternSchema.safeParse(pattern).error?.issues[0]?.message ?? null;

describe('reconciliation schedule patterns', () => {
  it.each(['15 2 * * *', '0 6 * * 1-5', '30 */6 * * *', '0 0 1 * *'])('accepts %s', (pattern) => {
    expect(problem(pattern)).toBeNull();
  });

  it('refuses patterns that are not five UTC cron fields, in words', () => {
    expect(problem('15 2 * *')).toMatch(/five fields/);
    expect(problem('0 15 2 * * *')).toMatch(/five fields/);
    expect(problem('61 2 * * *')).toBe('"61 2 * * *" is not a cron pattern');
    expect(problem('every night')).toMatch(/five fields|not a cron pattern/);
  });

  it('refuses anything more often than hourly', () => {
    expect(problem('* * * * *')).toBe('run at most once an hour');
    expect(problem('*/30 * * * *')).toBe('run at most once an hour');
    expect(problem('0 * * * *')).toBeNull();
  });

  it('treats an empty pattern as the default nightly time', () => {
    expect(flowScheduleSchema.parse({ scheduled: true, cron: '' })).toEqual({
      scheduled: true,
      cron: null,
    });
    expect(flowScheduleSchema.parse({ scheduled: false })).toEqual({
      scheduled: false,
      cron: null,
    });
  });

  it('computes the next fire times in UTC', () => {
    expect(
      nextFireTimes('15 2 * * *', 2, new Date('2026-11-23T08:00:00Z')).map((d) => d.toISOString()),
    ).toEqual(['2026-11-24T02:15:00.000Z', '2026-11-25T02:15:00.000Z']);
  });

  it('describes a flow that is off as having no next runs', () => {
    expect(describeSchedule({ reconcileScheduled: false, reconcileCron: null })).toEqual({
      scheduled: false,
      cron: '15 2 * * *',
      isDefault: true,
      next: [],
    });
  });
});
