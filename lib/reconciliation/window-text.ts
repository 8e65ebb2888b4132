// Reconciliation windows are UTC days: shown in UTC, in one unambiguous format ("05 Dec 2026"),
// so "05 Dec" means the same day to everyone whatever their browser's date order (a native date
// picker shows 12/05/2026 in one locale and 05/12/2026 in another).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 24 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "05 Dec 2026" (UTC). */
export function formatUtcDay(d: Date): string {
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

/** "05 Dec 2026 14:07" (UTC, no zone label: the caller says UTC once). */
export function formatUtcMinute(d: Date): string {
  return `${formatUtcDay(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A YYYY-MM-DD date input value as "05 Dec 2026"; null when it is not one. */
export function formatIsoDay(value: string): string | null {
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : formatUtcDay(d);
}

const midnight = (d: Date) => d.getTime() % DAY_MS === 0;

/**
 * Whole UTC days read as days ("05 Dec 2026 (UTC day)", "01 Dec 2026 – 05 Dec 2026 (5 UTC
 * days)"); any other window with its minutes ("05 Dec 2026 14:00 – 05 Dec 2026 15:00 UTC").
 */
export function utcWindowText(from: Date, to: Date): string {
  if (midnight(from) && midnight(to) && to > from) {
    const days = Math.round((to.getTime() - from.getTime()) / DAY_MS);
    const last = new Date(to.getTime() - DAY_MS);
    return days === 1
      ? `${formatUtcDay(from)} (UTC day)`
      : `${formatUtcDay(from)} – ${formatUtcDay(last)} (${days} UTC days)`;
  }
  return `${formatUtcMinute(from)} – ${formatUtcMinute(to)} UTC`;
}
