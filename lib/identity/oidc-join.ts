// How a person who is nobody's member yet gets a membership on a single sign-on: by the tenants'
// pending invitations to their (verified) email, or else by a tenant's email-domain rule
// (just-in-time membership). Both run inside the sign-in's transaction. Invitations and domain
// rules are read across tenants on purpose: before sign-in there is no tenant to scope to, and
// the email or its domain is the only key; every write names its tenant.
import { recordAudit } from '@/lib/audit';
import type { Db, Role } from '@/lib/db';
import { unusablePasswordHash } from './unusable-password';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface Joiner {
  email: string;
  /** the name the identity provider gave; the email's local part when it gave none */
  name: string;
  /** a user without any membership (removed everywhere), or null: one is created */
  userId: string | null;
  now: Date;
  requestId: string | null;
}

export interface Joined {
  userId: string;
  /** the tenants joined, the oldest invitation's first: the session starts there */
  tenantIds: string[];
}

async function userFor(tx: Tx, who: Joiner): Promise<{ id: string; newUser: boolean }> {
  if (who.userId) return { id: who.userId, newUser: false };
  const created = await tx.user.create({
    data: {
      email: who.email,
      name: who.name,
      passwordHash: unusablePasswordHash(),
      createdAt: who.now,
    },
    select: { id: true },
  });
  return { id: created.id, newUser: true };
}

/**
 * Accepts every pending, unexpired, unrevoked invitation to the email (each is an admin's decision
 * about this person; taking only one would leave the others to links the person may never open).
 * Each is claimed with the same conditional UPDATE as accepting a link, so a link opened at the
 * same moment cannot also win. Null when there was none to accept.
 */
export async function joinByInvitations(tx: Tx, who: Joiner): Promise<Joined | null> {
  const pending = await tx.invitation.findMany({
    where: { email: who.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: who.now } },
    select: { id: true, tenantId: true, role: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  let user: { id: string; newUser: boolean } | null = null;
  const tenantIds: string[] = [];
  for (const invitation of pending) {
    if (tenantIds.includes(invitation.tenantId)) continue;
    const claimed = await tx.invitation.updateMany({
      where: {
        id: invitation.id,
        tenantId: invitation.tenantId,
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: who.now },
      },
      data: { acceptedAt: who.now },
    });
    if (claimed.count !== 1) continue;
    user ??= await userFor(tx, who);
    await tx.membership.create({
      data: {
        tenantId: invitation.tenantId,
        userId: user.id,
        role: invitation.role,
        createdAt: who.now,
      },
    });
    // the same entry as accepting the link (lib/members/accept-invitation.ts), plus how
    await recordAudit(tx, {
      tenantId: invitation.tenantId,
      actor: { userId: user.id, tokenId: null, label: who.name },
      requestId: who.requestId,
      at: who.now,
      event: {
        action: 'member.joined',
        objectType: 'user',
        objectId: user.id,
        before: null,
        after: {
          email: who.email,
          name: who.name,
          role: invitation.role,
          invitationId: invitation.id,
          newUser: user.newUser,
          via: 'sso',
        },
      },
    });
    tenantIds.push(invitation.tenantId);
  }
  return user && tenantIds.length > 0 ? { userId: user.id, tenantIds } : null;
}

export type DomainJoin = Joined | { ambiguous: true } | null;

/**
 * Just-in-time membership: the tenant whose ssoJitDomains holds the email's domain and that set a
 * ssoJitRole. When two tenants claim one domain nobody joins by it ({ ambiguous: true }): picking
 * one would let any tenant's admin divert another's people by claiming their domain first or
 * last, and joining both would hand each admin the other's newcomers.
 */
export async function joinByDomain(tx: Tx, who: Joiner): Promise<DomainJoin> {
  const domain = who.email.slice(who.email.lastIndexOf('@') + 1);
  if (!who.email.includes('@') || !domain) return null;
  const tenants = await tx.tenant.findMany({
    where: { ssoJitRole: { not: null }, ssoJitDomains: { has: domain } },
    select: { id: true, ssoJitRole: true },
    take: 2,
  });
  if (tenants.length > 1) return { ambiguous: true };
  const tenant = tenants[0];
  if (!tenant?.ssoJitRole) return null;
  const role: Role = tenant.ssoJitRole;
  const user = await userFor(tx, who);
  await tx.membership.create({
    data: { tenantId: tenant.id, userId: user.id, role, createdAt: who.now },
  });
  await recordAudit(tx, {
    tenantId: tenant.id,
    actor: { userId: user.id, tokenId: null, label: who.name },
    requestId: who.requestId,
    at: who.now,
    event: {
      action: 'member.joined_by_sso',
      objectType: 'user',
      objectId: user.id,
      before: null,
      after: { email: who.email, name: who.name, role, domain, newUser: user.newUser },
    },
  });
  return { userId: user.id, tenantIds: [tenant.id] };
}
