// The bulk use cases (resolve, cancel) answer for many ids; the Transaction screen and its API
// route act on one. This reads the one answer out of a BulkOutcome and says it in plain words, the
// same words on screen and in the API's error message.
import type { TransactionStatus } from '@/lib/db';
import type { BulkOutcome } from './human-transition';
import { RESOLVABLE } from './resolve';

export type SingleOutcome =
  { kind: 'applied' } | { kind: 'skipped'; status: TransactionStatus } | { kind: 'not_found' };

export function singleOutcome(outcome: BulkOutcome, id: string): SingleOutcome {
  if (outcome.applied.includes(id)) return { kind: 'applied' };
  const skipped = outcome.skipped.find((s) => s.id === id);
  return skipped ? { kind: 'skipped', status: skipped.status } : { kind: 'not_found' };
}

export type OperatorMove = 'resolve' | 'cancel';

export const statusWords = (status: string) => status.replaceAll('_', ' ');

const WHO_MAY: Record<OperatorMove, string> = {
  resolve: `Only ${RESOLVABLE.map(statusWords).join(' or ')} transactions can be resolved.`,
  cancel: 'Completed and cancelled transactions are final.',
};

const DONE: Record<OperatorMove, string> = {
  resolve: 'Resolved: the transaction is completed and your note is on its timeline.',
  cancel:
    'Cancelled: nothing more will be sent for this transaction; your note is on its timeline.',
};

/** What to tell the person, and the HTTP status the same answer has on the API. */
export function describeOutcome(
  move: OperatorMove,
  outcome: SingleOutcome,
): { status: 200 | 404 | 409; message: string } {
  switch (outcome.kind) {
    case 'applied':
      return { status: 200, message: DONE[move] };
    case 'skipped':
      return {
        status: 409,
        message: `Not ${move === 'resolve' ? 'resolved' : 'cancelled'}: the transaction is ${statusWords(outcome.status)} now. ${WHO_MAY[move]}`,
      };
    case 'not_found':
      return { status: 404, message: 'This transaction does not exist.' };
    default: {
      const exhaustive: never = outcome;
      return exhaustive;
    }
  }
}
