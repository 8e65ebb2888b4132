import { describe, expect, it } from 'vitest';
import { summarisePreflight, targetNames, type PreflightCounts } from './replay-preflight-summary';

const counts = (c: Partial<PreflightCounts>): PreflightCounts => ({
  selected: 0,
  found: 0,
  absent: 0,
  notCheckable: 0,
  failedToCheck: 0,
  notChecked: 0,
  ...c,
});

describe('summarisePreflight', () => {
  it('says the issue’s sentence for 47 selected, 7 found, 40 absent', () => {
    const s = summarisePreflight(
      counts({ selected: 47, found: 7, absent: 40 }),
      'completed',
      'the ERP',
    );
    expect(s.headline).toBe(
      '47 selected: 7 already at the ERP (will be linked, not sent again), 40 to send',
    );
    expect(s).toMatchObject({ alreadyAtTarget: 7, toSend: 40, handled: 47, percent: 100 });
    expect(s.caveats).toEqual([]);
  });

  it('counts everything not found as to send, and says why each part was not confirmed', () => {
    const s = summarisePreflight(
      counts({
        selected: 20,
        found: 2,
        absent: 10,
        notCheckable: 3,
        failedToCheck: 1,
        notChecked: 4,
      }),
      'completed',
      'the ERP and the CRM',
    );
    expect(s.toSend).toBe(18);
    expect(s.headline).toContain('2 already at the ERP and the CRM');
    expect(s.caveats).toEqual([
      '3 transactions go to a system that cannot look records up',
      '1 look-up failed (the replay looks again before sending)',
      '4 transactions were not checked: beyond the look-up limit',
    ]);
  });

  it('shows progress while running and what was left when cancelled', () => {
    const running = summarisePreflight(
      counts({ selected: 200, found: 5, absent: 45 }),
      'running',
      'the ERP',
    );
    expect(running.percent).toBe(25);
    expect(running.headline).toContain('so far');
    expect(running.caveats).toEqual(['150 still to check']);
    const cancelled = summarisePreflight(
      counts({ selected: 200, found: 5, absent: 45 }),
      'cancelled',
      'the ERP',
    );
    expect(cancelled.caveats).toEqual(['the check was cancelled; 150 were not checked']);
    expect(cancelled.toSend).toBe(195);
  });

  it('never passes 100% when the selection shrank, and an empty one is done', () => {
    expect(summarisePreflight(counts({ selected: 2, absent: 5 }), 'running', 'x').percent).toBe(
      100,
    );
    expect(summarisePreflight(counts({}), 'running', 'x').percent).toBe(100);
  });
});

describe('targetNames', () => {
  it('names one, two or more systems once each', () => {
    expect(targetNames(['ERP', 'ERP'])).toBe('the ERP');
    expect(targetNames(['ERP', 'CRM'])).toBe('the ERP and the CRM');
    expect(targetNames(['ERP', 'CRM', 'warehouse'])).toBe('the ERP, the CRM and the warehouse');
    expect(targetNames([])).toBe('the target');
  });
});
