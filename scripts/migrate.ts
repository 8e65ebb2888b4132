// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (see lib/db/migrate.ts).
import { migrate } from '../lib/db/migrate';
import { loadDotEnv } from '../lib/env';

loadDotEnv();
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set. Copy .env.example to .env or export it.');
  process.exit(1);
}
const result = await migrate(url, 'prisma/migrations');
console.log(
  `migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied` +
    (result.applied.length ? ` (${result.applied.join(', ')})` : ''),
);
