// The tenant's maximum API token lifetime (days): every token is issued within it, and a token older
// than it stops working even if it was issued when the maximum was higher (lib/identity/api-token.ts).
// Changing it is audited in the same transaction.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import type { Operator } from '@/lib/ledger/operator';

export const MAX_TOKEN_LIFETIME_LIMIT = 3650;

export const tokenLifetimeSchema = z.object({
  days: z.coerce
    .number('give the maximum lifetime in days')
    .int('the maximum lifetime is a whole number of days')
    .min(1, 'a token must be able to live at least 1 day')
    .max(MAX_TOKEN_LIFETIME_LIMIT, `at most ${MAX_TOKEN_LIFETIME_LIMIT} days (ten years)`),
});

export async function setMaxTokenLifetime(
  db: Db,
  tenantId: string,
  input: z.input<typeof tokenLifetimeSchema> & { actor: Operator; requestId?: string | null },
): Promise<{ days: number; previous: number }> {
  const { days } = tokenLifetimeSchema.parse(input);
  return db.$transaction(async (tx) => {
    const { maxTokenLifetimeDays: previous } = await tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { maxTokenLifetimeDays: true },
    });
    if (previous === days) return { days, previous };
    await tx.tenant.update({ where: { id: tenantId }, data: { maxTokenLifetimeDays: days } });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.requestId ?? null,
      event: {
        action: 'tenant.updated',
        objectType: 'tenant',
        objectId: tenantId,
        before: { maxTokenLifetimeDays: previous },
        after: { maxTokenLifetimeDays: days },
      },
    });
    return { days, previous };
  });
}
