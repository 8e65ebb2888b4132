import { describe, expect, it } from 'vitest';
import { TransactionStatus } from '@/lib/db';
import { ALL_STATUSES, TERMINAL, allowedSources, canTransition, isTerminal } from './status';

type Status = TransactionStatus;

// Written out independently from the product spec, not derived from the module under test.
const EXPECTED: Record<Status, readonly Status[]> = {
  received: [
    'processing',
    'waiting_retry',
    'paused',
    'needs_review',
    'failed',
    'completed',
    'cancelled',
  ],
  processing: ['waiting_retry', 'paused', 'needs_review', 'failed', 'completed', 'cancelled'],
  waiting_retry: [
    'processing',
    'waiting_retry',
    'paused',
    'needs_review',
    'failed',
    'completed',
    'cancelled',
  ],
  paused: ['received', 'cancelled'],
  needs_review: ['received', 'completed', 'cancelled', 'failed'],
  failed: ['received', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

const STATUSES: Status[] = [
  'received',
  'processing',
  'waiting_retry',
  'paused',
  'needs_review',
  'failed',
  'completed',
  'cancelled',
];

const pairs = STATUSES.flatMap((from) =>
  STATUSES.map((to) => ({ from, to, allowed: EXPECTED[from].includes(to) })),
);

describe('status list', () => {
  it('covers exactly the 8 statuses of the database enum', () => {
    expect([...ALL_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect(Object.values(TransactionStatus).sort()).toEqual([...STATUSES].sort());
  });
});

describe('canTransition', () => {
  it('is checked for all 64 (from, to) pairs', () => {
    expect(pairs).toHaveLength(64);
  });

  it.each(pairs.filter((p) => p.allowed))('allows $from -> $to', ({ from, to }) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(pairs.filter((p) => !p.allowed))('refuses $from -> $to', ({ from, to }) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('has exactly 29 legal transitions (7+6+7+2+4+3)', () => {
    expect(pairs.filter((p) => canTransition(p.from, p.to))).toHaveLength(29);
  });
});

describe('terminal statuses', () => {
  it('are exactly completed and cancelled', () => {
    expect([...TERMINAL].sort()).toEqual(['cancelled', 'completed']);
    expect(STATUSES.filter(isTerminal).sort()).toEqual(['cancelled', 'completed']);
  });

  it.each(['completed', 'cancelled'] as const)('%s has no exit, not even to itself', (from) => {
    expect(STATUSES.filter((to) => canTransition(from, to))).toEqual([]);
  });

  it.each(STATUSES.filter((s) => s !== 'completed' && s !== 'cancelled'))(
    '%s is not terminal and has an exit',
    (status) => {
      expect(isTerminal(status)).toBe(false);
      expect(STATUSES.some((to) => canTransition(status, to))).toBe(true);
    },
  );
});

describe('allowedSources', () => {
  it.each(STATUSES)('lists exactly the statuses that may enter %s', (to) => {
    const expected = STATUSES.filter((from) => EXPECTED[from].includes(to));
    expect([...allowedSources(to)].sort()).toEqual([...expected].sort());
  });

  it.each(STATUSES)('agrees with canTransition for target %s', (to) => {
    const sources = allowedSources(to);
    for (const from of STATUSES) expect(sources.includes(from)).toBe(canTransition(from, to));
  });

  it('never lists a terminal status as a source', () => {
    for (const to of STATUSES) {
      expect(
        allowedSources(to).filter((from) => from === 'completed' || from === 'cancelled'),
      ).toEqual([]);
    }
  });

  it('gives the concrete sources of received (replay) and processing', () => {
    expect([...allowedSources('received')].sort()).toEqual(['failed', 'needs_review', 'paused']);
    expect([...allowedSources('processing')].sort()).toEqual(['received', 'waiting_retry']);
  });
});
