// A person's chosen time zone for the console (users.time_zone). A display preference of the
// person, not of a tenant: it follows them across tenants and is not an audited change.
import type { Db } from '@/lib/db';
import { canonicalTimeZone } from '@/lib/base/time-format';

/** The zone the person chose, or null (then the browser's own applies). */
export async function findUserTimeZone(db: Db, userId: string): Promise<string | null> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  // A zone a newer runtime knew and this one does not: fall back rather than fail every page.
  return canonicalTimeZone(row?.timeZone) ?? null;
}

export type SetTimeZoneResult = { ok: true; timeZone: string | null } | { ok: false };

/** Sets (or with null clears) the person's zone; refuses a name Intl does not know. */
export async function setUserTimeZone(
  db: Db,
  input: { userId: string; timeZone: string | null },
): Promise<SetTimeZoneResult> {
  const timeZone = input.timeZone === null ? null : canonicalTimeZone(input.timeZone);
  if (input.timeZone !== null && timeZone === null) return { ok: false };
  await db.user.update({ where: { id: input.userId }, data: { timeZone }, select: { id: true } });
  return { ok: true, timeZone };
}
