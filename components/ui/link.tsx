'use client';

import NextLink from 'next/link';
import { useState, type ComponentProps } from 'react';

/**
 * Next's Link, prefetching on intent instead of on sight (ADR 0033). Next prefetches every link
 * that scrolls into view: the console's sidebar and a table of orders made thirty to forty
 * authorised server renders per page view, for pages the reader mostly never opens. Here a link
 * prefetches once the pointer rests on it, it takes keyboard focus or a finger touches it — the
 * pattern of Next's prefetching guide, with focus and touch so no way of reaching it is slower.
 * An explicit `prefetch` is kept as given.
 */
export default function Link({
  prefetch,
  onMouseEnter,
  onFocus,
  onTouchStart,
  ...props
}: ComponentProps<typeof NextLink>) {
  const [intent, setIntent] = useState(false);
  const show = () => setIntent(true);
  return (
    <NextLink
      {...props}
      prefetch={prefetch ?? (intent ? null : false)}
      onMouseEnter={(event) => {
        show();
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        show();
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        show();
        onTouchStart?.(event);
      }}
    />
  );
}
