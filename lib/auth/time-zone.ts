// The zone this request's pages show times in: the person's profile choice, else the zone their
// browser reported (a cookie components/time/time-zone-sync.tsx sets on first load, since server
// components cannot ask the browser), else UTC. Next-aware, once per request.
import { cookies } from 'next/headers';
import { cache } from 'react';
import { canonicalTimeZone, DEFAULT_TIME_ZONE, TIME_ZONE_COOKIE } from '@/lib/base/time-format';
import { findUserTimeZone } from '@/lib/identity/user-time-zone';
import { serverContext } from '@/lib/server/context';
import { currentSession } from './session';

export type TimeZoneSource = 'profile' | 'browser' | 'default';

export interface ViewerTimeZone {
  zone: string;
  source: TimeZoneSource;
}

export const viewerTimeZone = cache(async (): Promise<ViewerTimeZone> => {
  const session = await currentSession();
  const actor = session?.actor;
  if (actor?.kind === 'user') {
    const chosen = await findUserTimeZone(serverContext().db, actor.userId);
    if (chosen) return { zone: chosen, source: 'profile' };
  }
  const reported = canonicalTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  return reported
    ? { zone: reported, source: 'browser' }
    : { zone: DEFAULT_TIME_ZONE, source: 'default' };
});
