// A tenant's audit entries as a suite reads them back: how many there are (a tenant's entries are
// numbered 1, 2, … in its chain), and those written after such a count, oldest first.
import type { Db } from '@/lib/db';

export async function auditCount(db: Db, tenantId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM audit_entries WHERE tenant_id = ${tenantId}::uuid`;
  return row?.n ?? 0;
}

export function auditSince(db: Db, tenantId: string, since: number) {
  return db.$queryRaw<
    {
      action: string;
      before: unknown;
      after: unknown;
      actor_label: string;
      actor_user_id: string | null;
    }[]
  >`SELECT action, before, after, actor_label, actor_user_id::text FROM audit_entries
    WHERE tenant_id = ${tenantId}::uuid AND seq > ${since} ORDER BY seq`;
}
