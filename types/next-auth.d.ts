import 'next-auth/jwt';

declare module 'next-auth/jwt' {
  interface JWT {
    userId?: string;
    tenantId?: string;
    /** the server-side session row (lib/identity/user-session.ts) */
    sessionId?: string;
  }
}
