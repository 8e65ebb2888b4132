// One entry point for a decision on drift (API and console): preview the count, backfill, replay
// or accept, for one item or every open item of a kind in a run.
import { z } from 'zod';
import type { Db, DriftKind } from '@/lib/db';
import { REPLAYABLE } from '@/lib/engine/replay';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';
import type { WakeDrains } from '@/lib/queue/wake-drains';
import { acceptDrift, acceptNoteSchema } from './accept-drift';
import { backfillDrift } from './backfill-drift';
import { replayDrift, REPLAYABLE_DRIFT } from './replay-drift';
import { driftSelectionSchema, previewDriftDecision } from './drift-selection';

export const driftDecisionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('backfill'),
    selection: driftSelectionSchema,
    preview: z.boolean().default(false),
  }),
  z.object({
    action: z.literal('replay'),
    selection: driftSelectionSchema,
    preview: z.boolean().default(false),
    reason: z.string().optional(),
  }),
  z.object({
    action: z.literal('accept'),
    selection: driftSelectionSchema,
    preview: z.boolean().default(false),
    note: acceptNoteSchema.optional(),
  }),
]);
export type DriftDecision = z.infer<typeof driftDecisionSchema>;

const KINDS: Record<DriftDecision['action'], readonly DriftKind[]> = {
  backfill: ['missing_in_ledger'],
  replay: REPLAYABLE_DRIFT,
  accept: ['missing_in_ledger', 'missing_in_target', 'status_mismatch', 'field_mismatch'],
};

export type DecisionResult =
  | { kind: 'preview'; matches: number }
  | { kind: 'backfilled'; backfilled: number; skipped: number; connectionIds: string[] }
  | {
      kind: 'replayed';
      replayed: number;
      skipped: { itemId: string; status: string | null }[];
      connectionIds: string[];
    }
  | { kind: 'accepted'; accepted: number };

export async function decideDrift(
  db: Db,
  tenantId: string,
  input: { decision: DriftDecision; actor: Operator; audit?: AuditContext; wake: WakeDrains },
): Promise<DecisionResult> {
  const { decision } = input;
  if (decision.preview)
    return {
      kind: 'preview',
      matches: await previewDriftDecision(
        db,
        tenantId,
        decision.selection,
        KINDS[decision.action],
        // a replay only moves transactions the state machine lets it move: the count says so
        decision.action === 'replay' ? REPLAYABLE : undefined,
      ),
    };
  const common = {
    selection: decision.selection,
    actor: input.actor,
    wake: input.wake,
    ...(input.audit && { audit: input.audit }),
  };
  switch (decision.action) {
    case 'backfill':
      return { kind: 'backfilled', ...(await backfillDrift(db, tenantId, common)) };
    case 'replay':
      return {
        kind: 'replayed',
        ...(await replayDrift(db, tenantId, { ...common, reason: decision.reason ?? '' })),
      };
    case 'accept':
      return {
        kind: 'accepted',
        ...(await acceptDrift(db, tenantId, {
          ...common,
          note: acceptNoteSchema.parse(decision.note ?? ''),
        })),
      };
    default: {
      const never: never = decision;
      throw new Error(`unknown decision ${String(never)}`);
    }
  }
}
