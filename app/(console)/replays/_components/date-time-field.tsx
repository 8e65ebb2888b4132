'use client';

import { ZonedDateTimeInput } from '@/components/time/zoned-date-time-input';

/**
 * A date-time picker that submits an ISO instant under `name`. The wall time is read in the
 * viewer's zone, the one the page shows its times in; the server receives an unambiguous instant.
 */
export function DateTimeField({
  name,
  label,
  defaultIso,
}: {
  name: string;
  label: string;
  defaultIso?: string;
}) {
  return <ZonedDateTimeInput name={name} label={label} iso={defaultIso ?? null} />;
}
