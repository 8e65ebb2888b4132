// Shared by the use cases that change who is in a tenant: one lock per tenant, so two admins
// demoting or removing each other at the same moment cannot leave the tenant without an admin.
import { AppError } from '@/lib/errors';
import type { Role, TenantTx } from '@/lib/db';

/** Serialises membership changes of one tenant until the surrounding transaction ends. */
export async function lockTenantMembers(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'waybill.members:' + tenantId}, 0))::text`;
}

/** Refuses a change that would leave the tenant with no admin (call after lockTenantMembers). */
export async function assertAnotherAdmin(
  tx: TenantTx,
  current: Role,
  next: Role | null,
): Promise<void> {
  if (current !== 'admin' || next === 'admin') return;
  const admins = await tx.membership.count({ where: { role: 'admin' } });
  if (admins <= 1)
    throw new AppError(
      'CONFLICT',
      'This is the last admin of the tenant. Make someone else an admin first, so the tenant is never left without one.',
    );
}

/** Admins manage other people; changing or removing yourself is how tenants lose their admin. A
 *  token counts as its issuer: a token must not do to the admin who issued it what that admin may
 *  not do to themselves (a reset link for them would hand the token their account). */
export function assertNotSelf(
  actor: { userId: string; issuerUserId?: string | null },
  userId: string,
  what: string,
): void {
  if (actor.userId === userId || (actor.issuerUserId && actor.issuerUserId === userId))
    throw new AppError('CONFLICT', `You cannot ${what} yourself. Ask another admin to do it.`);
}

/** The person as audit snapshots record them: who and which role, nothing secret. */
export const memberSnapshot = (m: { email: string; name: string; role: Role }) => ({
  email: m.email,
  name: m.name,
  role: m.role,
});
