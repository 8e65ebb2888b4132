// A redis-server of the suite's own and a client connected to it, started before the suite's tests
// and stopped after them: for lib/ suites that need real Redis but no whole stack.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createProducerRedis, whenReady } from '@/lib/queue/connection';
import { startRedis } from './processes';

export function usePrivateRedis(): { client: () => Redis; server: () => { url: string } } {
  let server: Awaited<ReturnType<typeof startRedis>> | undefined;
  let redis: Redis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    redis = createProducerRedis(server.url);
    await whenReady(redis);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.proc.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the private redis-server starts in beforeAll');
    return value;
  };
  return { client: () => ready(redis), server: () => ready(server) };
}
