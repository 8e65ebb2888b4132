// Revokes an API token of the tenant: from the next request on it authenticates nothing. Revoking
// twice is harmless (the first revocation stands, nothing more is audited); another tenant's id
// answers NOT_FOUND like an id that never existed.
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import type { Db } from '@/lib/db';
import { notFound } from '@/lib/errors';

export async function revokeApiToken(
  db: Db,
  tenantId: string,
  input: {
    id: string;
    actor: Pick<Actor, 'userId' | 'name'>;
    requestId?: string | null;
    now?: Date;
  },
): Promise<{ id: string; name: string; revokedAt: Date; alreadyRevoked: boolean }> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: input.id, tenantId },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!token) throw notFound('API token');
    if (token.revokedAt)
      return { id: token.id, name: token.name, revokedAt: token.revokedAt, alreadyRevoked: true };
    const { count } = await tx.apiToken.updateMany({
      where: { id: token.id, tenantId, revokedAt: null },
      data: { revokedAt: now },
    });
    // A concurrent revocation won the race: it wrote the audit entry.
    if (count === 0)
      return { id: token.id, name: token.name, revokedAt: now, alreadyRevoked: true };
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(operatorOf(input.actor)),
      requestId: input.requestId ?? null,
      event: {
        action: 'token.revoked',
        objectType: 'api_token',
        objectId: token.id,
        after: { name: token.name, prefix: token.prefix, revokedAt: now.toISOString() },
      },
    });
    return { id: token.id, name: token.name, revokedAt: now, alreadyRevoked: false };
  });
}
