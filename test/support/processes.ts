// Real processes for integration and end-to-end tests: the built Next app, the worker, the ingest
// receiver, a private redis-server. Every process a test starts is stopped by that test, by its
// own pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { entryCommand } from './entry-command';

/**
 * A loopback port free right now, for a process about to listen on it. Chosen below the kernel's
 * ephemeral range (32768-60999 by default), where the OS itself hands out ports: asking the OS for
 * one (listen on 0) returns a port it may give an outgoing connection of any process the moment it
 * is released, before the child binds it (a CI run lost a receiver to EADDRINUSE that way).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port =
      LISTEN_PORTS.low + Math.floor(Math.random() * (LISTEN_PORTS.high - LISTEN_PORTS.low));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free loopback port in ${LISTEN_PORTS.low}-${LISTEN_PORTS.high}`);
}

const LISTEN_PORTS = { low: 20_000, high: 32_000 };

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface Proc {
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit (SIGKILL after timeoutMs) */
  stop: (timeoutMs?: number) => Promise<number | null>;
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

/**
 * Starts a process in its own process group and stops the whole group: a server may fork
 * children that outlive their parent (and spin once their log pipe is gone) if only the parent's
 * pid is signalled.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
): Proc {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  let log = '';
  // TEST_LOG_DIR: keep every line a process writes, so a suite can check its logs afterwards
  // (the e2e teardown looks for secrets in them).
  const logDir = process.env.TEST_LOG_DIR;
  if (logDir) mkdirSync(logDir, { recursive: true });
  const logFile = logDir ? join(logDir, `${name}-${child.pid ?? 'unknown'}.log`) : null;
  const keep = (chunk: Buffer) => {
    if (logFile) appendFileSync(logFile, chunk);
    log = (log + chunk.toString()).slice(-20_000);
    if (process.env.TEST_PROCESS_LOGS) process.stderr.write(`[${name}] ${chunk.toString()}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    output: () => log,
    async stop(timeoutMs = 10_000) {
      const running = child.exitCode === null && child.signalCode === null;
      if (running) signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
      const code = running ? await exited : child.exitCode;
      clearTimeout(timer);
      signalGroup('SIGKILL'); // whatever the leader left behind in its group
      return code;
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(signal);
      await exited;
    },
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
}

export async function startWeb(env: Record<string, string>): Promise<Proc & { url: string }> {
  // a caller that must know the origin first (an identity provider registers its callback) picks it
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The production artifact itself: Next's standalone server (`npm run build`, scripts/build.mjs).
  const server = join(process.cwd(), '.next/standalone/server.js');
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
  const proc = startProcess('web', process.execPath, [server], {
    NEXTAUTH_URL: url,
    ...env,
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    // longer than any client's idle keep-alive, so no request is sent on a socket being closed
    KEEP_ALIVE_TIMEOUT: '65000',
  });
  await waitFor(
    'web to listen',
    async () => (await fetch(`${url}/api/health?probe=live`)).ok,
    60_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${proc.output()}`);
  });
  return { ...proc, url };
}

/** WORKER_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof") are passed to node for profiling. */
export function startWorker(env: Record<string, string>): Proc {
  const flags = (env.WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  // Several workers may run on one host: each gets a free metrics port unless the test names one.
  return startProcess(
    'worker',
    process.execPath,
    [...flags, ...entryCommand('worker/index.ts').args],
    {
      WORKER_METRICS_PORT: '0',
      ...env,
    },
  );
}

/**
 * The ingest receiver (receiver/index.ts), started the way startWorker starts the worker (the fresh
 * bundle or the sources, ./entry-command.ts) on a free loopback port; resolves once it answers its liveness probe.
 * RECEIVER_NODE_FLAGS are passed to node, as WORKER_NODE_FLAGS are for the worker.
 */
export async function startReceiver(env: Record<string, string>): Promise<Proc & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const flags = (env.RECEIVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const proc = startProcess(
    'receiver',
    process.execPath,
    [...flags, ...entryCommand('receiver/index.ts').args],
    { ...env, RECEIVER_HOST: '127.0.0.1', RECEIVER_PORT: String(port) },
  );
  await waitFor(
    'receiver to listen',
    async () => (await fetch(`${url}/health?probe=live`)).ok,
    60_000,
  ).catch(async (error: unknown) => {
    await proc.stop();
    throw new Error(`${String(error)}\n${proc.output()}`);
  });
  return { ...proc, url };
}

/** A private redis-server; pass the port of a stopped one to restart it where clients expect it. */
export async function startRedis(
  onPort?: number,
): Promise<{ url: string; port: number; proc: Proc }> {
  const port = onPort ?? (await freePort());
  const proc = startProcess(
    'redis',
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
  );
  const { Redis } = await import('ioredis');
  await waitFor('redis', async () => {
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined); // refused until redis-server listens: the probe retries
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  });
  return { url: `redis://127.0.0.1:${port}`, port, proc };
}
