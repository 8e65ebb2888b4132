// Reveal: a person with personal_data.reveal (admin) asks to see one transaction's payloads
// without the connections' masking rules, and says why. The reveal is recorded in the audit log
// (payload.revealed, the reason, the request id) before anything is read, and the unmasked payloads
// go back to that one view only: nothing unmasked is stored, a reload masks again.
// See docs/adr/0009-masking-rules-and-reveal.md.
import { isUuid } from '@/lib/base/uuid';
import { z } from 'zod';
import { auditActorOf, recordAuditAlone } from '@/lib/audit';
import { actorCan, operatorOf, type Actor } from '@/lib/base/actor';
import { tenantDb, type Db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { InvalidRule } from './masking-rules';
import type { AuditContext } from './operator-audit';
import { getTransactionDetail } from './transaction-detail.presenter';

export const revealReasonSchema = z
  .string()
  .trim()
  .min(5, 'say why you need to see the masked values (at least 5 characters)')
  .max(500, 'keep the reason under 500 characters');

export async function revealTransactionPayloads(
  db: Db,
  tenantId: string,
  transactionId: string,
  input: {
    actor: Pick<Actor, 'userId' | 'name' | 'role' | 'scopes'>;
    reason: string;
    audit?: AuditContext;
    onInvalidRule?: (rule: InvalidRule) => void;
  },
) {
  // Checked here too, not only in the action: a use case that unmasks data guards itself.
  if (!actorCan(input.actor, 'personal_data.reveal'))
    throw new AppError('FORBIDDEN', 'your role may not reveal masked payloads');
  const reason = revealReasonSchema.parse(input.reason);
  if (!isUuid(transactionId)) throw notFound('transaction');
  const scoped = tenantDb(db, tenantId);
  const exists = await scoped.transaction.findUnique({
    where: { id: transactionId },
    select: { id: true },
  });
  if (!exists) throw notFound('transaction');
  await recordAuditAlone(db, {
    tenantId,
    actor: auditActorOf(operatorOf(input.actor)),
    requestId: input.audit?.requestId ?? null,
    event: {
      action: 'payload.revealed',
      objectType: 'transaction',
      objectId: transactionId,
      reason,
    },
  });
  const detail = await getTransactionDetail(scoped, transactionId, {
    maskPersonalData: !actorCan(input.actor, 'personal_data.read'),
    reveal: true,
    onInvalidRule: input.onInvalidRule,
  });
  return { inbound: detail.inbound, payloads: detail.payloads };
}

export type RevealedPayloads = Awaited<ReturnType<typeof revealTransactionPayloads>>;
