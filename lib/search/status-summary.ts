// One line that says how an order's transactions stand, problems first: "1 failed · 2 completed".
// A support agent reads the first words; whatever needs a person must come before what went well.
import type { TransactionStatus } from '@/lib/db';

const ORDER: readonly TransactionStatus[] = [
  'failed',
  'needs_review',
  'waiting_retry',
  'paused',
  'processing',
  'received',
  'completed',
  'cancelled',
];

const NEEDS_ATTENTION: ReadonlySet<TransactionStatus> = new Set(['failed', 'needs_review']);

export type StatusCounts = Partial<Record<TransactionStatus, number>>;

export function statusSummary(counts: StatusCounts): string {
  const parts = ORDER.filter((s) => (counts[s] ?? 0) > 0).map(
    (s) => `${counts[s]} ${s.replace('_', ' ')}`,
  );
  return parts.length ? parts.join(' · ') : 'no transactions';
}

/** The status a badge shows for the whole order: the one that most needs a person. */
export function headlineStatus(counts: StatusCounts): TransactionStatus | null {
  return ORDER.find((s) => (counts[s] ?? 0) > 0) ?? null;
}

export function needsAttention(counts: StatusCounts): boolean {
  return [...NEEDS_ATTENTION].some((s) => (counts[s] ?? 0) > 0);
}
