// The tenant's payload retention: how many days raw payloads and provider responses are kept
// before retention replaces them by a marker (null: kept forever, the default). Read by the
// Settings page and GET /api/v1/settings/retention; changed by admins, audited in the same
// transaction (tenant.retention_changed with before and after).
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import type { Operator } from '@/lib/ledger/operator';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, retentionRule } from './payload-marker';

/** `days: null` keeps everything; the form sends '' for that (an empty number field). */
export const payloadRetentionSchema = z.object({
  days: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.coerce
      .number('give the number of days, or leave it empty to keep payloads forever')
      .int('a whole number of days')
      .min(MIN_RETENTION_DAYS, `at least ${MIN_RETENTION_DAYS} day`)
      .max(MAX_RETENTION_DAYS, `at most ${MAX_RETENTION_DAYS} days (ten years)`)
      .nullable(),
  ),
});

export interface PayloadRetention {
  /** null: kept forever */
  days: number | null;
  /** the rule in words, as retention markers name it; null when nothing is removed */
  rule: string | null;
}

const view = (days: number | null): PayloadRetention => ({
  days,
  rule: days === null ? null : retentionRule(days),
});

export async function getPayloadRetention(db: Db, tenantId: string): Promise<PayloadRetention> {
  const { payloadRetentionDays } = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { payloadRetentionDays: true },
  });
  return view(payloadRetentionDays);
}

export async function setPayloadRetention(
  db: Db,
  tenantId: string,
  input: z.input<typeof payloadRetentionSchema> & {
    actor: Operator;
    requestId?: string | null;
  },
): Promise<PayloadRetention & { previous: number | null; changed: boolean }> {
  const { days } = payloadRetentionSchema.parse({ days: input.days });
  return db.$transaction(async (tx) => {
    const { payloadRetentionDays: previous } = await tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { payloadRetentionDays: true },
    });
    if (previous === days) return { ...view(days), previous, changed: false };
    await tx.tenant.update({ where: { id: tenantId }, data: { payloadRetentionDays: days } });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.requestId ?? null,
      event: {
        action: 'tenant.retention_changed',
        objectType: 'tenant',
        objectId: tenantId,
        before: { payloadRetentionDays: previous },
        after: { payloadRetentionDays: days },
      },
    });
    return { ...view(days), previous, changed: true };
  });
}
