import type { TenantDb } from '@/lib/db';

/** Users and roles of the tenant, for the Settings screen. */
export async function listMembers(db: TenantDb) {
  const rows = await db.membership.findMany({
    orderBy: { createdAt: 'asc' },
    select: {
      role: true,
      createdAt: true,
      user: { select: { email: true, name: true, disabledAt: true } },
    },
  });
  return rows.map((m) => ({
    email: m.user.email,
    name: m.user.name,
    role: m.role,
    active: !m.user.disabledAt,
    since: m.createdAt.toISOString(),
  }));
}
