// The tenant's single sign-on policy: who may join on their first sign-in through the instance's
// OpenID Connect provider without an invitation (lib/identity/oidc-sign-in.ts). A person whose
// verified email is in one of the domains joins with the role chosen here; no role: nobody joins
// that way (invitations still work). Admin is not offered: anyone with a mailbox in the domain
// would become one; promote people once they are in. Changes are audited with before and after.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db, Role } from '@/lib/db';
import type { Operator } from '@/lib/ledger/operator';

export const SSO_JIT_ROLES = ['support', 'finance', 'viewer'] as const satisfies readonly Role[];
export const SSO_MAX_DOMAINS = 20;

// a DNS name of at least two labels (example.com, mail.example.co.uk, xn--…): no scheme, no @
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

export const ssoPolicySchema = z
  .object({
    /** '' (the form's "nobody") or absent: no just-in-time membership */
    role: z.preprocess(
      (v) => (v === '' || v === undefined ? null : v),
      z.enum(SSO_JIT_ROLES, 'choose support, finance, viewer or nobody').nullable(),
    ),
    /** separated by commas, spaces or new lines; "@example.com" reads as example.com */
    domains: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? [
              ...new Set(
                v
                  .split(/[\s,;]+/)
                  .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
                  .filter(Boolean),
              ),
            ].sort()
          : v,
      z
        .array(
          z.string().regex(DOMAIN, 'give email domains such as example.com, without @ or https://'),
        )
        .max(SSO_MAX_DOMAINS, `at most ${SSO_MAX_DOMAINS} domains`),
    ),
  })
  .refine((p) => p.role === null || p.domains.length > 0, {
    path: ['domains'],
    message: 'name at least one email domain, or let nobody join without an invitation',
  });

export interface SsoPolicy {
  ssoJitRole: Role | null;
  ssoJitDomains: string[];
}

export async function getSsoPolicy(db: Db, tenantId: string): Promise<SsoPolicy> {
  return db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { ssoJitRole: true, ssoJitDomains: true },
  });
}

export async function setSsoPolicy(
  db: Db,
  tenantId: string,
  input: z.input<typeof ssoPolicySchema> & { actor: Operator; requestId?: string | null },
): Promise<{ policy: SsoPolicy; changed: boolean }> {
  const parsed = ssoPolicySchema.parse(input);
  const after: SsoPolicy = { ssoJitRole: parsed.role, ssoJitDomains: parsed.domains };
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { ssoJitRole: true, ssoJitDomains: true },
    });
    const same =
      before.ssoJitRole === after.ssoJitRole &&
      before.ssoJitDomains.join(',') === after.ssoJitDomains.join(',');
    if (same) return { policy: before, changed: false };
    await tx.tenant.update({ where: { id: tenantId }, data: after });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.requestId ?? null,
      event: {
        action: 'tenant.sso_changed',
        objectType: 'tenant',
        objectId: tenantId,
        before: { ...before },
        after: { ...after },
      },
    });
    return { policy: after, changed: true };
  });
}
