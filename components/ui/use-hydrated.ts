'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * False in the server's HTML and while React hydrates it, true from the first render after. A
 * control whose change only means something to a handler (a select that opens a confirmation)
 * stays disabled until the handler exists: changed before hydration, it kept the new value on
 * screen while the handler later saw the old one, and a role change confirmed as "viewer" was
 * sent as the role the member already had (seen once in the browser tests, 2026-12-07).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
