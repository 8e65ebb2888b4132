// Reconciliation windows are UTC days: shown in UTC, so "23 Nov" means the same day to everyone.
const utc = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

export function utcWindowText(from: Date, to: Date): string {
  return `${utc(from)} – ${utc(to)} UTC`;
}
