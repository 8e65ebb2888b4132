// Who is acting: read fresh from the ledger on every request, so a changed role or a disabled
// user takes effect at once instead of when the session token expires.
import type { Db, Role } from '@/lib/db';
import { can, type Permission } from './permissions';

export interface Actor {
  /** a signed-in person, or an API token acting for the tenant (lib/auth/api-token.ts) */
  kind: 'user' | 'token';
  /** the user's id; for a token "api:<token id>" (the ledger's operator convention) */
  userId: string;
  email: string;
  name: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  role: Role;
  /** a token's scopes; null for people, whose role alone decides */
  scopes: readonly Permission[] | null;
}

/** The one question every page, action and route asks: the role allows it and, for a token, the
 *  token was issued with that scope. */
export function actorCan(actor: Pick<Actor, 'role' | 'scopes'>, permission: Permission): boolean {
  return (
    can(actor.role, permission) && (actor.scopes === null || actor.scopes.includes(permission))
  );
}

/** Who did it, as timelines and replay batches record it. */
export function operatorOf(actor: Pick<Actor, 'userId' | 'name'>): { id: string; label: string } {
  return { id: actor.userId, label: actor.name };
}

export async function loadActor(db: Db, userId: string, tenantId: string): Promise<Actor | null> {
  const membership = await db.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: {
      role: true,
      user: { select: { id: true, email: true, name: true, disabledAt: true } },
      tenant: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!membership || membership.user.disabledAt) return null;
  return {
    kind: 'user',
    userId: membership.user.id,
    email: membership.user.email,
    name: membership.user.name,
    tenantId: membership.tenant.id,
    tenantSlug: membership.tenant.slug,
    tenantName: membership.tenant.name,
    role: membership.role,
    scopes: null,
  };
}

// Sign-in (password, lockout, throttle, audit) lives in lib/auth/sign-in.ts.
