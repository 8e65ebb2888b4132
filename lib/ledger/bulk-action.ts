// What a person selected in the Transactions table and what became of it, in words: the toast
// after "Replay 15" says "Replayed 12 · 3 skipped (already completed)", so nobody wonders where
// the other three went.
import { z } from 'zod';
import type { TransactionStatus } from '@/lib/db';
import { MAX_BULK_IDS, type BulkOutcome } from './human-transition';

export const BULK_ACTIONS = ['replay', 'resolve', 'cancel'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const bulkIdsSchema = z
  .array(z.uuid('unknown transaction'))
  .min(1, 'select at least one transaction')
  .max(MAX_BULK_IDS, `select at most ${MAX_BULK_IDS} transactions at once`)
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

const DONE: Record<BulkAction, string> = {
  replay: 'Replayed',
  resolve: 'Resolved',
  cancel: 'Cancelled',
};

function statusWords(status: TransactionStatus): string {
  const words = status.replaceAll('_', ' ');
  return status === 'completed' || status === 'cancelled' ? `already ${words}` : words;
}

export function describeBulkOutcome(action: BulkAction, outcome: BulkOutcome): string {
  const parts = [`${DONE[action]} ${outcome.applied.length}`];
  if (outcome.skipped.length) {
    const byStatus = new Map<TransactionStatus, number>();
    for (const s of outcome.skipped) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
    const why = [...byStatus].map(([status, n]) =>
      byStatus.size === 1 ? statusWords(status) : `${n} ${statusWords(status)}`,
    );
    parts.push(`${outcome.skipped.length} skipped (${why.join(', ')})`);
  }
  if (outcome.notFound.length) parts.push(`${outcome.notFound.length} not found`);
  return parts.join(' · ');
}
