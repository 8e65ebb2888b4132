import { describe, expect, it } from 'vitest';
import { headlineStatus, needsAttention, statusSummary } from './status-summary';

describe('statusSummary', () => {
  it('puts what needs a person first', () => {
    expect(statusSummary({ completed: 2, failed: 1, waiting_retry: 1 })).toBe(
      '1 failed · 1 waiting retry · 2 completed',
    );
  });

  it('leaves out statuses with no transactions', () => {
    expect(statusSummary({ completed: 3, failed: 0 })).toBe('3 completed');
  });

  it('says so when there is nothing', () => {
    expect(statusSummary({})).toBe('no transactions');
  });
});

describe('headlineStatus and needsAttention', () => {
  it('pick the status that most needs a person', () => {
    expect(headlineStatus({ completed: 4, needs_review: 1 })).toBe('needs_review');
    expect(headlineStatus({ completed: 4 })).toBe('completed');
    expect(headlineStatus({})).toBeNull();
  });

  it('flag failed and review, not waiting retries', () => {
    expect(needsAttention({ completed: 1, failed: 1 })).toBe(true);
    expect(needsAttention({ needs_review: 1 })).toBe(true);
    expect(needsAttention({ waiting_retry: 2, completed: 1 })).toBe(false);
  });
});
