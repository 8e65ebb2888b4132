import { describe, expect, it } from 'vitest';
import {
  adviceFor,
  dominantTally,
  explainFailure,
  mergeTallies,
  providerMessage,
  type ClassTally,
  type DependencyState,
} from './failure-cause';

const tally = (t: Partial<ClassTally> & Pick<ClassTally, 'errorClass'>): ClassTally => ({
  attempts: 0,
  waits: 0,
  said: null,
  httpStatus: null,
  lastAt: '2026-12-05T14:00:00.000Z',
  ...t,
});

const salesOrder = (status: DependencyState['status']): DependencyState => ({
  step: 'Paid orders → ERP sales order',
  target: 'ERP',
  transactionId: 'dep-1',
  status,
  errorClass: status === 'failed' ? 'validation' : null,
  said: status === 'completed' ? 'ERP answered 201 OPEN: SO-1' : 'missing total',
});

// The payment of the issue: six "no sales order" answers, then the ERP's lookup answered 503.
const payment = {
  status: 'failed' as const,
  errorClass: 'provider_outage' as const,
  lastError: 'ERP payment lookup answered 503',
  tallies: [
    tally({
      errorClass: 'missing_dependency',
      attempts: 6,
      said: 'no sales order 1047',
      httpStatus: 422,
      lastAt: '2026-12-05T14:06:00.000Z',
    }),
    tally({
      errorClass: 'provider_outage',
      attempts: 2,
      said: 'ERP payment lookup answered 503',
      httpStatus: 503,
      lastAt: '2026-12-05T14:07:00.000Z',
    }),
  ],
  dependency: salesOrder('completed'),
};

describe('explainFailure', () => {
  it('names the class that dominates the attempts, with the last error beside it', () => {
    const cause = explainFailure(payment);
    expect(cause).toMatchObject({
      errorClass: 'missing_dependency',
      label: 'Waiting for another step',
      said: 'no sales order 1047',
      httpStatus: 422,
      attempts: 6,
      totalAttempts: 8,
      last: {
        errorClass: 'provider_outage',
        label: 'Provider down',
        message: 'ERP payment lookup answered 503',
      },
    });
    expect(cause?.dependency?.status).toBe('completed');
  });

  it('advises from the cause and the dependency state, not "fix the other step" when it is done', () => {
    const action = explainFailure(payment)?.action ?? '';
    expect(action).toContain('Paid orders → ERP sales order (ERP) completed');
    expect(action).toContain('no sales order 1047');
    expect(action).not.toMatch(/fix that one first/i);
    expect(action).not.toMatch(/provider is back/);
  });

  it('says "fix that step first" when the step it waits for failed', () => {
    const cause = explainFailure({ ...payment, dependency: salesOrder('failed') });
    expect(cause?.action).toBe(
      'Fix Paid orders → ERP sales order (ERP) first — it is failed (Rejected data) — then replay this one.',
    );
  });

  it('says Waybill waits while the step is pending, and names a step that never happened', () => {
    const waiting = explainFailure({
      status: 'waiting_retry',
      errorClass: 'missing_dependency',
      lastError: 'waiting: Paid orders → ERP sales order for 1047 is waiting_retry',
      tallies: [tally({ errorClass: 'missing_dependency', waits: 1 })],
      dependency: salesOrder('waiting_retry'),
    });
    expect(waiting?.action).toContain('is still waiting retry');
    expect(waiting?.action).toContain('Waybill waits for it');
    expect(waiting?.last).toBeNull();
    const never = explainFailure({
      ...payment,
      dependency: { ...salesOrder(null), transactionId: null },
    });
    expect(never?.action).toContain('has not happened for this order yet');
  });

  it('falls back to the current class when nothing was sent (a mapping or credentials review)', () => {
    const cause = explainFailure({
      status: 'needs_review',
      errorClass: 'auth',
      lastError: 'connection CRM has no valid credentials',
      tallies: [],
      dependency: null,
    });
    expect(cause).toMatchObject({
      errorClass: 'auth',
      said: 'connection CRM has no valid credentials',
      attempts: 0,
      totalAttempts: 0,
      last: null,
    });
    expect(cause?.action).toBe("An admin must update the connection's credentials; then replay.");
  });

  it('has nothing to explain once completed or without a class', () => {
    expect(explainFailure({ ...payment, status: 'completed' })).toBeNull();
    expect(explainFailure({ ...payment, errorClass: null })).toBeNull();
  });

  it('speaks of the group in a group', () => {
    const cause = explainFailure({ ...payment, dependency: null, scope: 'group' });
    expect(cause?.action).toBe('Fix the step these wait for first, then replay.');
    expect(
      adviceFor('missing_dependency', 'failed', salesOrder('failed'), null, 'group'),
    ).toContain('then replay the group');
  });
});

describe('dominantTally', () => {
  it('prefers a class that explains over a transient one on a tie, then the newest', () => {
    const tie = [
      tally({ errorClass: 'timeout', attempts: 2, lastAt: '2026-12-05T15:00:00.000Z' }),
      tally({ errorClass: 'validation', attempts: 2, lastAt: '2026-12-05T14:00:00.000Z' }),
    ];
    expect(dominantTally(tie)?.errorClass).toBe('validation');
    const newest = [
      tally({ errorClass: 'validation', attempts: 1, lastAt: '2026-12-05T14:00:00.000Z' }),
      tally({ errorClass: 'business_rule', attempts: 1, lastAt: '2026-12-05T15:00:00.000Z' }),
    ];
    expect(dominantTally(newest)?.errorClass).toBe('business_rule');
    expect(dominantTally([])).toBeNull();
  });
});

describe('mergeTallies', () => {
  it('sums a group by class and keeps the newest words', () => {
    const merged = mergeTallies([
      [
        tally({
          errorClass: 'missing_dependency',
          attempts: 3,
          said: 'old',
          lastAt: '2026-12-05T14:00:00.000Z',
        }),
      ],
      [
        tally({
          errorClass: 'missing_dependency',
          attempts: 2,
          waits: 1,
          said: 'new',
          lastAt: '2026-12-05T15:00:00.000Z',
        }),
        tally({ errorClass: 'provider_outage', attempts: 1 }),
      ],
    ]);
    expect(merged.find((t) => t.errorClass === 'missing_dependency')).toMatchObject({
      attempts: 5,
      waits: 1,
      said: 'new',
    });
    expect(merged).toHaveLength(2);
  });
});

describe('providerMessage', () => {
  it('keeps what the provider said without our prefix', () => {
    expect(providerMessage('ERP failed (missing_dependency): no sales order 1047')).toBe(
      'no sales order 1047',
    );
    expect(providerMessage('something else')).toBe('something else');
  });
});
