// Open-loop load: requests leave at a fixed arrival rate whatever the server does, and latency is
// measured from each request's INTENDED send time, so a stalled server shows up as latency instead
// of silently slowing the generator down (no coordinated omission).
import { Agent, request } from 'node:http';

export interface OpenLoopResult {
  sent: number;
  ok: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  achievedRate: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function openLoop(
  url: string,
  ratePerSecond: number,
  seconds: number,
  makeRequest: (i: number) => { body: string; headers: Record<string, string> },
  /** each answer's intended send time (performance.now()) and latency: for a percentile over a
   *  part of the run (the retention scenario takes the requests sent while its job ran) */
  onSample?: (intendedAt: number, latencyMs: number) => void,
): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(url);
  const total = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now() + 50;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const intended = start + i * interval;
    const wait = intended - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { body, headers } = makeRequest(i);
    inflight.push(
      new Promise<void>((resolve) => {
        const req = request(
          {
            agent,
            method: 'POST',
            hostname: target.hostname,
            port: target.port,
            path: target.pathname,
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              latencies.push(performance.now() - intended);
              onSample?.(intended, performance.now() - intended);
              if (res.statusCode && res.statusCode < 300) ok++;
              else {
                errors++;
                firstError ??= `answer ${res.statusCode}`;
              }
              resolve();
            });
          },
        );
        req.on('error', (error) => {
          errors++;
          firstError ??= error.message;
          latencies.push(performance.now() - intended);
          onSample?.(intended, performance.now() - intended);
          resolve();
        });
        req.end(body);
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  // Counted in ingest_non_2xx; the first one's reason says whether it was the app or the socket.
  if (firstError) console.warn(`bench: ${errors} failed open-loop requests, first: ${firstError}`);
  latencies.sort((a, b) => a - b);
  return {
    sent: total,
    ok,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    achievedRate: total / elapsed,
  };
}
