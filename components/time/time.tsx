'use client';

import { formatDateTime, formatRelative, isoUtc } from '@/lib/base/time-format';
import { useTimeZone } from './time-zone-context';

export interface TimeProps {
  /** an ISO 8601 string, a Date or epoch ms; null or invalid shows `empty` */
  value: string | number | Date | null | undefined;
  /**
   * "3 min ago" with the absolute time on hover, where recency is what matters (lists, overview).
   * `asOf` is the moment the page's data was read; without it, now.
   */
  relative?: boolean;
  asOf?: string | Date;
  precision?: 'second' | 'minute';
  empty?: string;
  className?: string;
  /** data attributes pass through to the element (tests, styling hooks) */
  [data: `data-${string}`]: string | boolean | undefined;
}

/**
 * One moment, written the console's one way ("5 Dec 2026, 14:06:40 CET") in the viewer's zone, in
 * a <time> element whose datetime is the UTC instant; the hover shows the other form (absolute for
 * a relative time, UTC for an absolute one) so two screens or a provider's log can be matched.
 */
export function Time({
  value,
  relative,
  asOf,
  precision,
  empty = '—',
  className,
  ...data
}: TimeProps) {
  const { zone } = useTimeZone();
  const iso = value === null || value === undefined ? '' : isoUtc(value);
  if (!iso) return <span className={className}>{empty}</span>;
  const absolute = formatDateTime(iso, zone, { precision });
  if (relative)
    return (
      // "now" differs between the server's render and hydration by a moment: text may drift
      <time
        dateTime={iso}
        title={absolute}
        className={className}
        suppressHydrationWarning
        {...data}
      >
        {formatRelative(iso, asOf ?? new Date())}
      </time>
    );
  return (
    <time dateTime={iso} title={formatDateTime(iso, 'UTC')} className={className} {...data}>
      {absolute}
    </time>
  );
}

/** For text that is not a <time> element (labels, confirmations): the same words. */
export function useFormatTime(): (
  value: string | number | Date,
  options?: { precision?: 'second' | 'minute' },
) => string {
  const { zone } = useTimeZone();
  return (value, options) => formatDateTime(value, zone, options);
}
