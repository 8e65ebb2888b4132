// Percentiles of latency samples (nearest rank), in milliseconds.
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return {
    p50: at(0.5) ?? NaN,
    p95: at(0.95) ?? NaN,
    p99: at(0.99) ?? NaN,
    max: sorted.at(-1) ?? NaN,
    n: sorted.length,
  };
}

export const ms = (n: number) =>
  Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—';
