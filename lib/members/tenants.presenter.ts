// The tenants a person belongs to, for the tenant switcher (their own memberships only).
import type { Db } from '@/lib/db';

export async function listTenantsOf(db: Db, userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    orderBy: { tenant: { name: 'asc' } },
    select: { role: true, tenant: { select: { id: true, name: true, slug: true } } },
  });
  return rows.map((m) => ({
    id: m.tenant.id,
    name: m.tenant.name,
    slug: m.tenant.slug,
    role: m.role,
  }));
}

export type TenantChoice = Awaited<ReturnType<typeof listTenantsOf>>[number];
