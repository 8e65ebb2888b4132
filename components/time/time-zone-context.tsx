'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { DEFAULT_TIME_ZONE } from '@/lib/base/time-format';

export type TimeZoneSource = 'profile' | 'browser' | 'default';

export interface TimeZoneValue {
  zone: string;
  /** where the zone came from: a profile choice is never overridden by the browser */
  source: TimeZoneSource;
}

const TimeZoneContext = createContext<TimeZoneValue>({
  zone: DEFAULT_TIME_ZONE,
  source: 'default',
});

/**
 * Hands the zone the server chose for this request to every client component below, so what the
 * server rendered and what the browser hydrates are the same text.
 */
export function TimeZoneProvider({
  value,
  children,
}: {
  value: TimeZoneValue;
  children: ReactNode;
}) {
  return <TimeZoneContext value={value}>{children}</TimeZoneContext>;
}

export function useTimeZone(): TimeZoneValue {
  return useContext(TimeZoneContext);
}
