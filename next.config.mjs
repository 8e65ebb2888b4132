/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database, queue and logging clients hold sockets and native-ish code: keep them out of the bundle.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'bullmq', 'ioredis', 'pino', 'prom-client'],
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: true }, // `npm run typecheck` is its own step of `npm test`
};

export default nextConfig;
