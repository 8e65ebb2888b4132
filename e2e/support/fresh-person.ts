// A person of a spec's own: ending every session of a demo user (admin@, support@ …) would sign
// out specs running beside it, so a spec that ends sessions or changes a person signs in its own.
import { randomBytes } from 'node:crypto';
import type { Db, Role } from '@/lib/db';
import { hashPassword } from '@/lib/identity/password';
import { registerSecret } from './secret-scan';

const unique = () => randomBytes(4).toString('hex');

/** A new user, member of the given tenants in that order (sign-in picks the first). */
export async function freshPerson(db: Db, memberships: { tenantId: string; role: Role }[]) {
  const email = `sess-${unique()}@example.test`;
  const password = `session test password ${unique()}`;
  registerSecret(password, 'e2e session-test password');
  const user = await db.user.create({
    data: { email, name: `Sam ${unique()}`, passwordHash: await hashPassword(password) },
    select: { id: true, name: true },
  });
  for (const m of memberships) await db.membership.create({ data: { ...m, userId: user.id } });
  return { ...user, email, password };
}
