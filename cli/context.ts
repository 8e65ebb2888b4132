// What every `waybill` command runs with: the ledger as its owner (DATABASE_URL), the key ring,
// and the operator the audit log names — the person at the server's command line, by OS user.
// Commands print plain lines for people and exit non-zero with one line saying what went wrong.
import { userInfo } from 'node:os';
import { createDb, type Db } from '@/lib/db';
import { keyRingFromEnv, type KeyRing } from '@/lib/crypto/key-ring';
import { serverEnv } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import type { Actor } from '@/lib/base/actor';
import type { Operator } from '@/lib/ledger/operator';
import { ownDrainWaker, type WakeDrains } from '@/lib/queue/wake-drains';

export interface CliContext {
  db: Db;
  keyRing: KeyRing;
  /** for use cases' `actor: Operator` option */
  operator: Operator;
  /** for use cases that take an actor (issue a token, invite a member) */
  actor: Pick<Actor, 'kind' | 'userId' | 'name'>;
  /** one line to stdout */
  out: (line: string) => void;
  /** for use cases that commit dispatchable work (a resumed connection): Redis is reached only
   *  when one asks, so the other commands run without it */
  wake: WakeDrains;
}

function whoIsAtTheKeyboard(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Runs one command with a fresh context and closes it; failures become exit code 1 and a line. */
export async function withCli(run: (ctx: CliContext) => Promise<void>): Promise<void> {
  const env = await settingsOrExit(serverEnv);
  const db = createDb({ connectionString: env.DATABASE_URL, applicationName: 'waybill-cli' });
  const who = whoIsAtTheKeyboard();
  const operator = { id: `cli:${who}`, label: `waybill CLI (${who})` };
  const waker = ownDrainWaker(
    { redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX, drainShards: env.DRAIN_SHARDS },
    { warn: (_details, message) => process.stderr.write(`waybill: ${message}\n`) },
  );
  try {
    await run({
      db,
      keyRing: keyRingFromEnv(env),
      operator,
      actor: { kind: 'cli', userId: operator.id, name: operator.label },
      out: (line) => process.stdout.write(`${line}\n`),
      wake: waker.wake,
    });
  } catch (error) {
    process.exitCode = 1;
    process.stderr.write(`waybill: ${describe(error)}\n`);
  } finally {
    await waker.close();
    await db.$disconnect();
  }
}

/** Runs a step whose failure ends the command with one line (configuration, a migration). */
export async function settingsOrExit<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    process.stderr.write(`waybill: ${describe(error)}\n`);
    process.exit(1);
  }
}

export function describe(error: unknown): string {
  if (isAppError(error)) return error.message;
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues))
    return (error.issues as { path: unknown[]; message: string }[])
      .map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
      .join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** A secret typed or piped on stdin: never on the command line (shell history, `ps`). */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('(type the value, then Ctrl-D)\n');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}
