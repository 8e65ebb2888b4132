// Who is acting, and the one permission question every page, action and route asks. Loaded fresh
// per request by lib/identity/load-actor.ts.
import type { Role } from './permissions';
import { can, type Permission } from './permissions';

export interface Actor {
  /** a signed-in person, an API token acting for the tenant (lib/identity/api-token.ts), or an
   *  operator at the server's command line (the `waybill` CLI: userId "cli:<os user>") */
  kind: 'user' | 'token' | 'cli';
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
  /** a token's issuer (null when the CLI issued it): what a token must not do to that person is
   *  what the person may not do to themselves (lib/members/member-guard.ts) */
  issuerUserId?: string | null;
  /** a person who must set up a second factor before doing anything else: an admin of a tenant
   *  that requires one (lib/identity/load-actor.ts) */
  secondFactorDue?: boolean;
}

export const SECOND_FACTOR_DUE_MESSAGE =
  'This tenant requires admins to use two-factor authentication. Set it up on /account/two-factor first.';

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
