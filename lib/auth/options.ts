// next-auth (v4) configuration: credentials sign-in through lib/identity/sign-in.ts, JWT sessions
// carrying only user and tenant ids, the id of the server-side session row and the two times that
// end them (idle and absolute limits, lib/auth/session-expiry.ts). Every read of the session
// (getServerSession in pages, actions and /api/v1; /api/auth/session) runs the jwt callback, which
// looks the row up (lib/identity/user-session.ts): sign-out deletes it, and so do "sign out
// everywhere", a password reset, a role change and a removal, so copies of the cookie stop working.
// Roles are read fresh per request (lib/identity/load-actor.ts). With OIDC_ISSUER set, single
// sign-on is a second provider ("oidc", lib/auth/oidc.ts) whose signIn callback starts the same
// kind of session row.
//
// Cookies: next-auth's defaults are httpOnly and SameSite=Lax; useSecureCookies adds Secure and
// the __Secure- prefix when the public URL is https. The cookie lives as long as the idle limit
// and is re-issued whenever the browser reads /api/auth/session (the console's SessionActivity
// does that while someone is using the tab), so an unused session simply lapses.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { authEnv, oidcEnv } from '@/lib/env';
import { oidcProvider, oidcSignIn, OIDC_PROVIDER_ID } from './oidc';
import { requestIdOf } from '@/lib/base/request-id';
import { whenReady } from '@/lib/queue/connection';
import { serverContext } from '@/lib/server/context';
import { loadActor } from '@/lib/identity/load-actor';
import { verifyPassword } from '@/lib/identity/password';
import { signIn } from '@/lib/identity/sign-in';
import {
  SECOND_FACTOR_REFUSED_ERROR,
  SECOND_FACTOR_REQUIRED_ERROR,
  THROTTLED_ERROR,
} from './sign-in-messages';
import { clientIpOf, redisThrottle } from '@/lib/identity/sign-in-throttle';
import {
  checkUserSession,
  endUserSession,
  moveUserSession,
  startUserSession,
} from '@/lib/identity/user-session';
import { nextSessionToken, SessionEndedError } from './session-token';

const credentials = z.object({
  email: z.email(),
  password: z.string().min(1).max(200),
  code: z.string().max(40).optional(),
});

type Headers = Record<string, string | string[] | undefined>;

export function authOptions(): NextAuthOptions {
  const env = authEnv();
  const idleSeconds = env.SESSION_IDLE_MINUTES * 60;
  const limits = { idleMs: idleSeconds * 1000, maxMs: env.SESSION_MAX_HOURS * 3600 * 1000 };
  const sso = oidcEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: idleSeconds },
    useSecureCookies: (env.NEXTAUTH_URL ?? '').toLowerCase().startsWith('https://'),
    // a failed single sign-on lands on the sign-in page with ?error=, which says what happened
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
          code: { label: 'Authentication code', type: 'text' },
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
          const ip = clientIpOf(headers);
          const result = await signIn(
            ctx.db,
            {
              email: parsed.data.email,
              password: parsed.data.password,
              secondFactor: parsed.data.code,
              ip,
              requestId: requestIdOf({ get: (n) => single(headers[n]) ?? null }),
            },
            {
              verify: verifyPassword,
              openSecret: (sealed) => ctx.keyRing.open(sealed),
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
          if (!result.ok && result.reason === 'second_factor_required')
            throw new Error(SECOND_FACTOR_REQUIRED_ERROR);
          if (!result.ok && result.reason === 'second_factor_refused')
            throw new Error(SECOND_FACTOR_REFUSED_ERROR);
          if (!result.ok) return null;
          const { user } = result;
          const session = await startUserSession(ctx.db, {
            userId: user.id,
            tenantId: user.tenantId,
            userAgent: single(headers['user-agent']),
            ip,
            maxMs: limits.maxMs,
          });
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            tenantId: user.tenantId,
            sessionId: session.id,
          };
        },
      }),
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    callbacks: {
      // Password sign-ins were decided in authorize(); single sign-on is decided here.
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        return oidcSignIn(user, account, profile, limits);
      },
      async jwt({ token, user, trigger, session }) {
        const signedIn = user as { id: string; tenantId?: string; sessionId?: string } | undefined;
        const { db } = serverContext();
        return nextSessionToken(
          token,
          {
            user: signedIn && {
              id: signedIn.id,
              tenantId: signedIn.tenantId,
              sessionId: signedIn.sessionId,
            },
            trigger,
            session: session as unknown,
          },
          {
            now: Date.now(),
            limits,
            isMember: async (userId, tenantId) => (await loadActor(db, userId, tenantId)) !== null,
            sessions: {
              check: (sessionId, userId) =>
                checkUserSession(db, { sessionId, userId, idleMs: limits.idleMs }),
              moved: (sessionId, tenantId) => moveUserSession(db, sessionId, tenantId),
            },
          },
        );
      },
      session({ session, token }) {
        return {
          ...session,
          userId: token.userId,
          tenantId: token.tenantId,
          // the row's id (not a credential: the encrypted cookie is): marks "this session" in the
          // person's own list of sessions
          sessionId: token.sessionId,
        };
      },
    },
    events: {
      // next-auth hands the decoded token of the cookie being cleared: its row goes too, so a copy
      // of the cookie taken before sign-out is refused afterwards.
      async signOut({ token }) {
        const sessionId = (token as { sessionId?: unknown } | null)?.sessionId;
        if (typeof sessionId === 'string' && z.uuid().safeParse(sessionId).success)
          await endUserSession(serverContext().db, sessionId);
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
