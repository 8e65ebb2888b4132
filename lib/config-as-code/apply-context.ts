// What every write of an apply shares: the one database transaction, the tenant, who applies, the
// ids behind the document's keys (growing as things are created), and the audit entry helper —
// every change is recorded inside the same transaction, so it is audited exactly when it commits.
import { recordAudit, type AuditActor, type AuditEvent } from '@/lib/audit';
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { TenantTx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { StateIds } from './read-state';

export interface ApplyContext {
  tx: TenantTx;
  tenantId: string;
  actor: AuditActor;
  requestId: string | null;
  /** seals the signing secret of a new alert rule */
  keyRing: KeyRing;
  ids: StateIds;
  /** connections whose drains should be woken after the commit (a resumed connection or flow) */
  resumed: Set<string>;
}

export async function audit(ctx: ApplyContext, event: AuditEvent): Promise<void> {
  await recordAudit(ctx.tx, {
    tenantId: ctx.tenantId,
    actor: ctx.actor,
    requestId: ctx.requestId,
    event,
  });
}

/** The id behind a key the plan has already checked; missing means a bug, said plainly. */
export function idOf(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (!id) throw new AppError('INTERNAL', `configuration apply: no id for ${what} ${key}`);
  return id;
}

interface PauseState {
  status: 'active' | 'paused';
  pauseReason: string | null;
}

/** A status change as the pause/resume entries record it (lib/engine/pause.ts), with the reason. */
export function statusEvent(
  objectType: 'connection' | 'flow',
  objectId: string,
  from: PauseState,
  to: PauseState,
): AuditEvent {
  const paused = to.status === 'paused';
  const after = { from: from.status, to: to.status };
  const reason = paused && to.pauseReason ? { reason: to.pauseReason } : {};
  return objectType === 'connection'
    ? {
        action: paused ? 'connection.paused' : 'connection.resumed',
        objectType,
        objectId,
        after,
        ...reason,
      }
    : { action: paused ? 'flow.paused' : 'flow.resumed', objectType, objectId, after, ...reason };
}
