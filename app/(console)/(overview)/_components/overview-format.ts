// Figures of the Overview in words: counts with separators, rates with one decimal, latencies in
// the unit an operator thinks in.
const count = new Intl.NumberFormat('en-GB');

export const formatCount = (n: number) => count.format(n);

export const formatRate = (rate: number | null) => (rate === null ? '—' : `${rate.toFixed(1)} %`);

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
