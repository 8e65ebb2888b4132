// `waybill config export`: a tenant's configuration as a document, in canonical order, without a
// single secret (they are not even read). Exporting twice without a change gives the same text.
import { tenantDb, type Db } from '@/lib/db';
import type { ConfigDocument } from './document';
import { getTenantBySlug } from '@/lib/tenants/create-tenant';
import { readState } from './read-state';

export async function exportConfig(db: Db, tenantSlug: string): Promise<ConfigDocument> {
  const tenant = await getTenantBySlug(db, tenantSlug);
  // One snapshot: a change committed halfway through the reads cannot tear the document.
  return tenantDb(db, tenant.id).$transaction(
    async (tx) => (await readState(tx, tenant)).document,
    { isolationLevel: 'RepeatableRead' },
  );
}
