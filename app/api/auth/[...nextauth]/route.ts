import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// next-auth v4 reads params synchronously; Next 16 hands them as a promise.
async function handler(request: Request, ctx: RouteContext) {
  const params = await ctx.params;
  return (
    NextAuth(authOptions()) as (
      r: Request,
      c: { params: { nextauth: string[] } },
    ) => Promise<Response>
  )(request, { params });
}

export { handler as GET, handler as POST };
