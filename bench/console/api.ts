// The API side of the console bench: the built Next app (`next start`) against the measured
// database, a private redis-server for it, and a session cookie minted the way next-auth issues
// one (a JWT with the user and tenant ids and the server-side session row lib/auth/options.ts
// puts there), so requests go through the real route wrapper, session check and role lookup.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { encode } from 'next-auth/jwt';
import { createDb } from '@/lib/db';
import { startUserSession } from '@/lib/identity/user-session';
import { startRedis, startWeb } from '@/test/support/processes';

/** next-auth's cookie name on plain http (https adds the __Secure- prefix). */
const SESSION_COOKIE = 'next-auth.session-token';

export interface ConsoleApi {
  url: string;
  /** GET path with the session; resolves to the status and the wall time in ms */
  get(path: string): Promise<{ status: number; ms: number }>;
  stop(): Promise<void>;
}

export function builtAppPresent(): boolean {
  return existsSync('.next/BUILD_ID');
}

export async function startConsoleApi(
  databaseUrl: string,
  session: { userId: string; tenantId: string },
): Promise<ConsoleApi> {
  const secret = randomBytes(24).toString('hex');
  const redis = await startRedis();
  const web = await startWeb({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `wbbench${randomBytes(3).toString('hex')}`,
    WAYBILL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    NEXTAUTH_SECRET: secret,
    LOG_LEVEL: 'warn',
  }).catch(async (error: unknown) => {
    await redis.proc.stop();
    throw error;
  });
  // signedInAt, lastActiveAt and a session row as sign-in sets them (lib/auth/session-token.ts):
  // without them the session counts as ended and every route answers 401.
  const now = Date.now();
  const db = createDb({ connectionString: databaseUrl, poolSize: 1 });
  const row = await startUserSession(db, { ...session, maxMs: 3600_000 }).finally(() =>
    db.$disconnect(),
  );
  const token = await encode({
    token: {
      sub: session.userId,
      userId: session.userId,
      tenantId: session.tenantId,
      sessionId: row.id,
      signedInAt: now,
      lastActiveAt: now,
    },
    secret,
    maxAge: 3600,
  });
  const cookie = `${SESSION_COOKIE}=${token}`;
  return {
    url: web.url,
    async get(path) {
      const started = performance.now();
      const response = await fetch(`${web.url}${path}`, { headers: { cookie } });
      await response.arrayBuffer(); // the whole answer, as a client would read it
      return { status: response.status, ms: performance.now() - started };
    },
    async stop() {
      await web.stop();
      await redis.proc.stop();
    },
  };
}
