// Who did it, by name. The timeline's actor column holds what wrote the fact: "system", "worker",
// a user id (a person's status change or note), "api:<token id>" (automation) or "cli:<os user>"
// (the operator's command line). People read names, so ids are resolved here, once per page: a
// user's name, a token's name. A person no longer in the tenant keeps the label their own facts
// recorded (human actions carry `by`), else "a former member"; nothing shows a raw id.
import { isUuid } from '@/lib/base/uuid';
import type { TenantDb } from '@/lib/db';
import { stringField } from './timeline-facts';

const FIXED: Record<string, string> = { system: 'Waybill', worker: 'Waybill worker' };

export interface ActorNames {
  users: ReadonlyMap<string, string>;
  tokens: ReadonlyMap<string, string>;
}

/** The names of the people and tokens among `actors` (ids of this tenant's own facts). */
export async function loadActorNames(db: TenantDb, actors: Iterable<string>): Promise<ActorNames> {
  const userIds = new Set<string>();
  const tokenIds = new Set<string>();
  for (const actor of actors) {
    if (isUuid(actor)) userIds.add(actor);
    else if (actor.startsWith('api:') && isUuid(actor.slice(4))) tokenIds.add(actor.slice(4));
  }
  const [users, tokens] = await Promise.all([
    // Users are not tenant rows; the ids come from this tenant's timeline.
    userIds.size
      ? db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } })
      : [],
    tokenIds.size
      ? db.apiToken.findMany({
          where: { id: { in: [...tokenIds] } },
          select: { id: true, name: true },
        })
      : [],
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    tokens: new Map(tokens.map((t) => [t.id, t.name])),
  };
}

/** An actor in words; `recorded` is the label the fact itself carries (a human action's `by`). */
export function actorName(actor: string, names: ActorNames, recorded: string | null): string {
  const fixed = FIXED[actor];
  if (fixed) return fixed;
  if (isUuid(actor)) return names.users.get(actor) ?? recorded ?? 'a former member';
  if (actor.startsWith('api:')) {
    const token = names.tokens.get(actor.slice(4));
    return token ? `API token “${token}”` : (recorded ?? 'an API token');
  }
  if (actor.startsWith('cli:')) return `${actor.slice(4) || 'operator'} (command line)`;
  return recorded ?? actor;
}

/** Items with `actorLabel` resolved; the id stays in `actor` (shown on hover). */
export async function nameActors<T extends { actor: string; actorLabel: string; data: unknown }>(
  db: TenantDb,
  items: T[],
): Promise<T[]> {
  const names = await loadActorNames(
    db,
    items.map((i) => i.actor),
  );
  return items.map((i) => ({
    ...i,
    actorLabel: actorName(i.actor, names, stringField(i.data, 'by')),
  }));
}
