// "Any target system's reference is X", for a query over `transactions t`. References are stored
// per system ({"warehouse": "FUL-000123"}), so the condition is one containment value per
// connection key of the tenant, built inside the statement (no round trip for the keys); the GIN
// (jsonb_path_ops) index on external_refs answers each value. Search and the transactions list's
// free text both ask this question.
import { Prisma } from '@/lib/db';

export function anyReferenceIs(tenantId: string, reference: string): Prisma.Sql {
  return Prisma.sql`t.external_refs @> ANY(ARRAY(
    SELECT jsonb_build_object(c.key, ${reference}::text) FROM connections c
    WHERE c.tenant_id = ${tenantId}::uuid))`;
}
