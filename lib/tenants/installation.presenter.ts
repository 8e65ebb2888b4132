// Whether this installation has been set up: a fresh production database has no tenant, and the
// sign-in page then says how to create the first one instead of offering a form nobody can use.
import type { Db } from '@/lib/db';

export async function isFreshInstallation(db: Db): Promise<boolean> {
  return (await db.tenant.findFirst({ select: { id: true } })) === null;
}
