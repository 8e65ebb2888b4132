// next-auth (v4) configuration: credentials sign-in through lib/identity/sign-in.ts, JWT sessions
// carrying only user and tenant ids plus the two times that end them (idle and absolute limits,
// lib/auth/session-expiry.ts). Roles are read fresh per request (lib/identity/load-actor.ts).
//
// Cookies: next-auth's defaults are httpOnly and SameSite=Lax; useSecureCookies adds Secure and
// the __Secure- prefix when the public URL is https. The cookie lives as long as the idle limit
// and is re-issued whenever the browser reads /api/auth/session (the console's SessionActivity
// does that while someone is using the tab), so an unused session simply lapses.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { authEnv } from '@/lib/env';
import { requestIdOf } from '@/lib/base/request-id';
import { whenReady } from '@/lib/queue/connection';
import { serverContext } from '@/lib/server/context';
import { loadActor } from '@/lib/identity/load-actor';
import { verifyPassword } from '@/lib/identity/password';
import { signIn } from '@/lib/identity/sign-in';
import { THROTTLED_ERROR } from './sign-in-messages';
import { clientIpOf, redisThrottle } from '@/lib/identity/sign-in-throttle';
import { nextSessionToken, SessionEndedError } from './session-token';

const credentials = z.object({ email: z.email(), password: z.string().min(1).max(200) });

type Headers = Record<string, string | string[] | undefined>;

export function authOptions(): NextAuthOptions {
  const env = authEnv();
  const idleSeconds = env.SESSION_IDLE_MINUTES * 60;
  const limits = { idleMs: idleSeconds * 1000, maxMs: env.SESSION_MAX_HOURS * 3600 * 1000 };
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: idleSeconds },
    useSecureCookies: (env.NEXTAUTH_URL ?? '').toLowerCase().startsWith('https://'),
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(input, request) {
          const parsed = credentials.safeParse(input);
          if (!parsed.success) return null;
          const ctx = serverContext();
          // Just after start the fail-fast Redis connection is still opening: a short wait keeps
          // the first sign-ins throttled too (with Redis down, the lockout alone applies).
          await whenReady(ctx.redis, 300);
          const headers = (request?.headers ?? {}) as Headers;
          const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
          const result = await signIn(
            ctx.db,
            {
              ...parsed.data,
              ip: clientIpOf(headers),
              requestId: requestIdOf({ get: (n) => single(headers[n]) ?? null }),
            },
            {
              verify: verifyPassword,
              throttle: redisThrottle(ctx.redis, {
                keyPrefix: ctx.env.QUEUE_PREFIX,
                policy: {
                  maxAttempts: env.SIGN_IN_IP_MAX_ATTEMPTS,
                  windowSeconds: env.SIGN_IN_IP_WINDOW_SECONDS,
                },
                warn: (msg, err) =>
                  ctx.log.warn({ err: err instanceof Error ? err.message : String(err) }, msg),
              }),
              log: ctx.log,
            },
          );
          // Thrown errors reach the form as ?error=<message>; null reaches it as CredentialsSignin.
          if (!result.ok && result.reason === 'throttled') throw new Error(THROTTLED_ERROR);
          if (!result.ok) return null;
          const { user } = result;
          return { id: user.id, email: user.email, name: user.name, tenantId: user.tenantId };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger, session }) {
        return nextSessionToken(
          token,
          {
            user: user && { id: user.id, tenantId: (user as { tenantId?: string }).tenantId },
            trigger,
            session: session as unknown,
          },
          {
            now: Date.now(),
            limits,
            isMember: async (userId, tenantId) =>
              (await loadActor(serverContext().db, userId, tenantId)) !== null,
          },
        );
      },
      session({ session, token }) {
        return { ...session, userId: token.userId, tenantId: token.tenantId };
      },
    },
    logger: {
      // An ended session is routine (next-auth clears the cookie); everything else is an error.
      error(code, metadata) {
        const err = metadata instanceof Error ? metadata : (metadata as { error?: unknown }).error;
        if (err instanceof SessionEndedError)
          serverContext().log.info({ verdict: err.verdict }, 'session ended');
        else serverContext().log.error({ code, err }, 'next-auth error');
      },
      warn(code) {
        serverContext().log.warn({ code }, 'next-auth warning');
      },
      debug() {},
    },
  };
}
