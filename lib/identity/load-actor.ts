// Who is acting: read fresh from the ledger on every request, so a changed role or a disabled
// user takes effect at once instead of when the session token expires.
import type { Db } from '@/lib/db';
import type { Actor } from '@/lib/base/actor';

export async function loadActor(db: Db, userId: string, tenantId: string): Promise<Actor | null> {
  const membership = await db.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: {
      role: true,
      user: {
        select: { id: true, email: true, name: true, disabledAt: true, totpEnabledAt: true },
      },
      tenant: { select: { id: true, slug: true, name: true, requireTotpForAdmins: true } },
    },
  });
  if (!membership || membership.user.disabledAt) return null;
  return {
    kind: 'user',
    userId: membership.user.id,
    email: membership.user.email,
    name: membership.user.name,
    tenantId: membership.tenant.id,
    tenantSlug: membership.tenant.slug,
    tenantName: membership.tenant.name,
    role: membership.role,
    scopes: null,
    secondFactorDue:
      membership.role === 'admin' &&
      membership.tenant.requireTotpForAdmins &&
      !membership.user.totpEnabledAt,
  };
}
