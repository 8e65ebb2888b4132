import type { ReactNode } from 'react';
import { TimeZoneProvider } from '@/components/time/time-zone-context';
import { TimeZoneSync } from '@/components/time/time-zone-sync';
import { viewerTimeZone } from '@/lib/auth/time-zone';

/**
 * Every console page shows its times in the viewer's zone (lib/auth/time-zone.ts). The zone is
 * provided here, around each page, rather than in the layout, so the layout stays about navigation
 * (and the sync below re-runs on each navigation, catching a zone that changed meanwhile).
 */
export default async function ConsoleTemplate({ children }: { children: ReactNode }) {
  const timeZone = await viewerTimeZone();
  return (
    <TimeZoneProvider value={timeZone}>
      <TimeZoneSync rendered={timeZone} />
      {children}
    </TimeZoneProvider>
  );
}
