import type { TenantDb } from '@/lib/db';

/** Everything one dispatch needs, in one read. */
export function loadDispatchable(db: TenantDb, transactionId: string) {
  return db.transaction.findUnique({
    where: { id: transactionId },
    select: {
      id: true,
      tenantId: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      idempotencyKey: true,
      externalRefs: true,
      inboundEvent: { select: { body: true } },
      flow: {
        select: {
          name: true,
          operation: true,
          retryPolicy: true,
          status: true,
          activeMappingVersion: { select: { id: true, version: true, expression: true, statusTable: true } },
          targetConnection: {
            select: { key: true, name: true, provider: true, baseUrl: true, credentialsEncrypted: true, status: true },
          },
        },
      },
    },
  });
}

export type Dispatchable = NonNullable<Awaited<ReturnType<typeof loadDispatchable>>>;
