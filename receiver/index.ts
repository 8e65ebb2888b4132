// The ingest receiver process (docs/adr/0019): POST /api/ingest/{tenant}/{connection}[/{token}]
// answered exactly as the web app's route answers it, GET /health and GET /metrics. Stateless:
// run as many as needed behind a load balancer. SIGTERM/SIGINT: stop accepting, let deliveries in
// flight commit and be answered, close the database and Redis, exit 0.
import { metricsToken, receiverEnv, serverEnv, trustedProxyHops } from '@/lib/env';
import { createServerContext } from '@/lib/server/context';
import { startReceiver, type ReceiverServer } from './server';

const settings = (() => {
  try {
    const env = serverEnv();
    // every setting a request will read, checked now: a misconfigured receiver exits at once
    trustedProxyHops();
    metricsToken();
    return { env, receiver: receiverEnv() };
  } catch (error) {
    // a configuration refusal names each setting: that line is the whole message
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
})();
const ctx = createServerContext(settings.env, 'receiver');
const { log } = ctx;
let receiver: ReceiverServer | undefined;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'receiver stopping: answering deliveries in flight');
  await receiver?.close();
  await ctx.queues.close().catch(() => undefined);
  ctx.redis.disconnect();
  await ctx.db.$disconnect();
  log.info('receiver stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

startReceiver(ctx, {
  host: settings.receiver.RECEIVER_HOST,
  port: settings.receiver.RECEIVER_PORT,
  keepAliveTimeoutMs: settings.receiver.RECEIVER_KEEP_ALIVE_TIMEOUT_MS,
}).then(
  (started) => {
    receiver = started;
    log.info({ url: started.url, prefix: settings.env.QUEUE_PREFIX }, 'receiver listening');
  },
  (error: unknown) => {
    log.fatal({ err: error }, 'receiver could not listen');
    process.exit(1);
  },
);
