// Internal statuses are product decisions, not provider echoes. This table is the whole state
// machine: transition() refuses anything it does not list, and the console derives its actions
// (replay, resolve, cancel) from it.
import type { TransactionStatus } from '@/lib/db';

export const TERMINAL: ReadonlySet<TransactionStatus> = new Set(['completed', 'cancelled']);

const ALLOWED: Record<TransactionStatus, readonly TransactionStatus[]> = {
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
  // waiting_retry -> waiting_retry: another attempt failed and a later one is scheduled.
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
  // A person replays (-> received), resolves (-> completed) or cancels.
  needs_review: ['received', 'completed', 'cancelled', 'failed'],
  failed: ['received', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function canTransition(from: TransactionStatus, to: TransactionStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Statuses from which `to` may be entered: the guard of the UPDATE in transition(). */
export function allowedSources(to: TransactionStatus): TransactionStatus[] {
  return (Object.keys(ALLOWED) as TransactionStatus[]).filter((from) => ALLOWED[from].includes(to));
}

export const ALL_STATUSES = Object.keys(ALLOWED) as TransactionStatus[];

export function isTerminal(status: TransactionStatus): boolean {
  return TERMINAL.has(status);
}
