// Small formatters shared by the console's server-rendered tables. Times are rendered on the
// server; client components receive them already formatted so hydration cannot disagree.
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'medium' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "45 s", "3 min", "2 h 5 min", "3 d 4 h": how long something has waited, at a glance. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** Age of `iso` relative to `asOf` (the moment the read model was built), in words. */
export function formatAgo(iso: string, asOf: string): string {
  const seconds = Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(iso)) / 1000));
  return `${formatAge(seconds)} ago`;
}
