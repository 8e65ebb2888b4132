// Who is calling an /api/v1 route: an API token (Authorization: Bearer wbt_...) or, without one,
// the console's session cookie. Cookie-authenticated mutations must come from our own origin
// (lib/http/same-origin.ts); token requests carry no ambient credentials and are exempt.
import { actorCan, SECOND_FACTOR_DUE_MESSAGE, type Actor } from '@/lib/base/actor';
import { authenticateApiToken, bearerOf } from '@/lib/identity/api-token';
import type { Permission } from '@/lib/base/permissions';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isSameOriginRequest, type OriginPolicy } from './same-origin';

export interface RouteAuthDeps {
  db: Db;
  /** the signed-in person of the session cookie, if any */
  session: () => Promise<Actor | null>;
  origin: OriginPolicy;
  onTouchFailed?: (error: unknown) => void;
}

export async function authenticateRequest(request: Request, deps: RouteAuthDeps): Promise<Actor> {
  const bearer = bearerOf(request.headers);
  if (bearer !== null) {
    const actor = bearer
      ? await authenticateApiToken(deps.db, bearer, { onTouchFailed: deps.onTouchFailed })
      : null;
    // One answer for unknown, revoked, expired and malformed: nothing to tell them apart by.
    if (!actor)
      throw new AppError('UNAUTHENTICATED', 'the API token is invalid, revoked or expired');
    return actor;
  }
  const actor = await deps.session();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first, or send an API token');
  if (actor.secondFactorDue) throw new AppError('FORBIDDEN', SECOND_FACTOR_DUE_MESSAGE);
  if (!isSameOriginRequest(request.method, request.headers, deps.origin))
    throw new AppError(
      'CSRF_REJECTED',
      'this request did not come from the console; automation must use an API token',
    );
  return actor;
}

/** 403 in words: for a token, which scope it lacks or that its issuer's role may not; for a
 *  person, what the role may not do. */
export function authorize(actor: Actor, permission: Permission): void {
  if (actorCan(actor, permission)) return;
  const message =
    actor.kind !== 'token'
      ? `your role may not ${permission}`
      : actor.scopes?.includes(permission)
        ? `this API token acts with its issuer's role (${actor.role}), which may not ${permission}`
        : `this API token lacks the scope "${permission}"`;
  throw new AppError('FORBIDDEN', message);
}
