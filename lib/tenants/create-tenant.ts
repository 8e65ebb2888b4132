// A new tenant, empty: no connections, flows or members yet. Created from the operator CLI on a
// fresh installation (`waybill tenant create`), audited in the same transaction.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { UNIQUE_VIOLATION, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Operator } from '@/lib/ledger/operator';

export const createTenantSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,62}$/,
      'slug: lower-case letters, digits and dashes (it is in URLs)',
    ),
  name: z.string().trim().min(1, 'name: give the tenant a name').max(200),
});

export async function createTenant(
  db: Db,
  input: z.input<typeof createTenantSchema> & { actor: Operator },
): Promise<{ id: string; slug: string; name: string }> {
  const { slug, name } = createTenantSchema.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({
        data: { slug, name },
        select: { id: true, slug: true, name: true },
      });
      await recordAudit(tx, {
        tenantId: tenant.id,
        actor: auditActorOf(input.actor),
        requestId: null,
        event: {
          action: 'tenant.created',
          objectType: 'tenant',
          objectId: tenant.id,
          before: null,
          after: { slug, name },
        },
      });
      return tenant;
    });
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error && error.code === UNIQUE_VIOLATION)
      throw new AppError('CONFLICT', `a tenant with the slug "${slug}" already exists`);
    throw error;
  }
}

/** The tenant a command or document names by slug; a clear error when there is none. */
export async function getTenantBySlug(
  db: Pick<Db, 'tenant'>,
  slug: string,
): Promise<{ id: string; slug: string; name: string }> {
  const tenant = await db.tenant.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true },
  });
  if (!tenant)
    throw new AppError(
      'NOT_FOUND',
      `tenant "${slug}" not found: create it first (waybill tenant create)`,
    );
  return tenant;
}
