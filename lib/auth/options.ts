// next-auth (v4) configuration: credentials sign-in, JWT sessions carrying only user and tenant
// ids. Roles are read fresh per request (lib/auth/actor.ts).
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { authEnv } from '@/lib/env';
import { serverContext } from '@/lib/server/context';
import { authenticate } from './actor';
import { verifyPassword } from './password';

const credentials = z.object({ email: z.email(), password: z.string().min(1).max(200) });

export function authOptions(): NextAuthOptions {
  return {
    secret: authEnv().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 8 * 3600 },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(input) {
          const parsed = credentials.safeParse(input);
          if (!parsed.success) return null;
          const user = await authenticate(
            serverContext().db,
            parsed.data.email,
            parsed.data.password,
            verifyPassword,
          );
          if (!user) {
            serverContext().log.info({ email: parsed.data.email }, 'sign-in refused');
            return null;
          }
          return { id: user.id, email: user.email, name: user.name, tenantId: user.tenantId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.userId = user.id;
          token.tenantId = (user as { tenantId?: string }).tenantId;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.userId, tenantId: token.tenantId };
      },
    },
  };
}
