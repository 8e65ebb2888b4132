// Configuration for Prisma 6.19's CLI with its WASM ("js") schema engine. Used only to author
// migration SQL (`migrate diff` between two datamodels, which touches no database). See ADR 0002.
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma6/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  migrations: { path: `${process.cwd()}/prisma/migrations` },
  schema: process.env.WAYBILL_PRISMA6_SCHEMA ?? 'prisma/schema.prisma',
  adapter() {
    return Promise.resolve(
      new PrismaPg({
        connectionString:
          process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
        allowExitOnIdle: true,
      }),
    );
  },
});
