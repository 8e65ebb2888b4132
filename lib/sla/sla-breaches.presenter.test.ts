import { describe, expect, it } from 'vitest';
import { breachSummary, formatMinutes } from './sla-breaches.presenter';

describe('breachSummary', () => {
  it('says how many orders are late for which expectation', () => {
    expect(breachSummary(3, 'warehouse acknowledgement', 30)).toBe(
      '3 orders past their SLA: warehouse acknowledgement within 30 min',
    );
    expect(breachSummary(1, 'ERP invoice', 120)).toBe(
      '1 order past their SLA: ERP invoice within 2 hours',
    );
  });

  it('formats odd minutes as minutes', () => {
    expect(formatMinutes(90)).toBe('90 min');
    expect(formatMinutes(60)).toBe('1 hour');
  });
});
