// Work held by a pause. Pausing a connection or a flow only stops claiming (lib/engine/pause.ts):
// the held transactions keep their status (received, or waiting_retry between attempts) and wait
// in the outbox, so nothing has to be rewritten on pause and resume, and the status table stays
// as it is. What people see is derived here instead: a transaction that would be sent but for a
// pause is "paused", with the pause that holds it — which connection or flow, who paused it, when
// and why. The target connection's pause is named first: it holds every flow to that system.
import type { Prisma, TransactionStatus } from '@/lib/db';

/** Statuses the drain would claim if nothing were paused. */
export const HOLDABLE_STATUSES: readonly TransactionStatus[] = ['received', 'waiting_retry'];

/** What a presenter selects of a connection or flow to tell whether, and why, it is paused. */
export const pauseSelect = {
  name: true,
  status: true,
  pausedAt: true,
  pausedBy: true,
  pauseReason: true,
} as const satisfies Prisma.ConnectionSelect & Prisma.FlowSelect;

export interface PauseState {
  name: string;
  status: string;
  pausedAt: Date | null;
  pausedBy: string | null;
  pauseReason: string | null;
}

export interface HeldBy {
  kind: 'connection' | 'flow';
  /** the connection's or the flow's name */
  name: string;
  /** ISO; null for a pause older than these columns (or set by a configuration apply) */
  pausedAt: string | null;
  pausedBy: string | null;
  reason: string | null;
}

/** The pause that holds a transaction in `status`, or null when nothing holds it. */
export function heldByPause(
  status: TransactionStatus,
  scope: { target: PauseState; flow: PauseState },
): HeldBy | null {
  if (!HOLDABLE_STATUSES.includes(status)) return null;
  if (scope.target.status === 'paused') return heldBy('connection', scope.target);
  if (scope.flow.status === 'paused') return heldBy('flow', scope.flow);
  return null;
}

function heldBy(kind: HeldBy['kind'], p: PauseState): HeldBy {
  return {
    kind,
    name: p.name,
    pausedAt: p.pausedAt?.toISOString() ?? null,
    pausedBy: p.pausedBy,
    reason: p.pauseReason,
  };
}

/** The status people read: "paused" for held work, the stored status otherwise. */
export function shownStatus(status: TransactionStatus, held: HeldBy | null): TransactionStatus {
  return held ? 'paused' : status;
}
