// Prisma 7 CLI configuration (client generation). Migrations are authored with Prisma 6.19's WASM
// engine and applied by scripts/migrate.ts, because Prisma 7's migrate needs a Rust binary that
// cannot be downloaded on our offline machines: docs/adr/0002-offline-migrations.md.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/waybill' },
});
