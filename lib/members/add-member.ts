// A member added by an operator with a password they chose (`waybill user create
// --password-stdin`): the first admin of a fresh installation. The user is created, or an existing
// user (another tenant's member) gets the membership; the password rules are the console's.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { ROLES } from '@/lib/base/permissions';
import { tenantDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/identity/password';
import { passwordProblem } from '@/lib/identity/password-rules';
import type { Operator } from '@/lib/ledger/operator';

export const addMemberSchema = z.object({
  email: z
    .email('email: not an email address')
    .max(200)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, 'name: give the person a name').max(100),
  role: z.enum(ROLES, `role: one of ${ROLES.join(', ')}`),
  password: z.string(),
});

export async function addMember(
  db: Db,
  tenantId: string,
  input: z.input<typeof addMemberSchema> & { actor: Operator },
): Promise<{ userId: string; newUser: boolean }> {
  const { email, name, role, password } = addMemberSchema.parse(input);
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError('VALIDATION_FAILED', `password: ${problem}`);
  const passwordHash = await hashPassword(password);
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      const member = await tx.membership.findFirst({
        where: { userId: existing.id },
        select: { id: true },
      });
      if (member) throw new AppError('CONFLICT', `${email} is already a member of this tenant`);
    }
    // An existing user keeps their own password: an operator cannot take over an account.
    const user =
      existing ??
      (await tx.user.create({ data: { email, name, passwordHash }, select: { id: true } }));
    await tx.membership.create({ data: { tenantId, userId: user.id, role } });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: null,
      event: {
        action: 'member.joined',
        objectType: 'user',
        objectId: user.id,
        before: null,
        after: { email, role, via: 'cli' },
      },
    });
    return { userId: user.id, newUser: !existing };
  });
}
