// The worker's readiness: it can reach the ledger and Redis, and every BullMQ worker of the job
// catalog is running (not closed, not paused). Each check is bounded, so a hung dependency answers
// "unavailable" instead of hanging the probe.
export interface Check {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface Readiness {
  ok: boolean;
  checks: { database: Check; redis: Check; workers: Check };
}

export interface ReadinessDeps {
  db: { $queryRaw: (query: TemplateStringsArray) => PromiseLike<unknown> };
  redis: { ping: () => Promise<unknown> };
  workers: () => readonly { name: string; isRunning: () => boolean; isPaused: () => boolean }[];
  timeoutMs?: number;
}

async function timed(fn: () => PromiseLike<unknown>, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : 'failed',
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkWorkerReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const timeoutMs = deps.timeoutMs ?? 2000;
  const [database, redis] = await Promise.all([
    timed(() => deps.db.$queryRaw`SELECT 1`, timeoutMs),
    timed(() => deps.redis.ping(), timeoutMs),
  ]);
  const idle = deps.workers().filter((w) => !w.isRunning() || w.isPaused());
  const workers: Check =
    deps.workers().length > 0 && idle.length === 0
      ? { ok: true, ms: 0 }
      : {
          ok: false,
          ms: 0,
          error: idle.length
            ? `not running: ${idle.map((w) => w.name).join(', ')}`
            : 'no queue workers running',
        };
  return { ok: database.ok && redis.ok && workers.ok, checks: { database, redis, workers } };
}
