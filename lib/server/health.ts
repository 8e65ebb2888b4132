import type { ServerContext } from './context';

interface Check {
  ok: boolean;
  ms: number;
  error?: string;
}

async function timed(fn: () => Promise<unknown>, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_r, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : 'failed',
    };
  }
}

/** Readiness: can this process reach the ledger and the queue right now? */
export async function checkReadiness(ctx: ServerContext) {
  const [database, redis] = await Promise.all([
    timed(() => ctx.db.$queryRaw`SELECT 1`, 2000),
    timed(() => ctx.redis.ping(), 2000),
  ]);
  return { ok: database.ok && redis.ok, checks: { database, redis } };
}
