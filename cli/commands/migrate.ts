// `waybill migrate`: applies prisma/migrations to DATABASE_URL (lib/db/migrate.ts), idempotently.
import { Command } from 'commander';
import { migrate } from '@/lib/db/migrate';
import { serverEnv } from '@/lib/env';
import { settingsOrExit } from '../context';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description(
      'apply the database migrations (safe to run again; run before upgrading the processes)',
    )
    .option('--dir <path>', 'the migrations folder', 'prisma/migrations')
    .action(async (options: { dir: string }) => {
      const result = await settingsOrExit(() => migrate(serverEnv().DATABASE_URL, options.dir));
      process.stdout.write(
        `migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied` +
          (result.applied.length ? ` (${result.applied.join(', ')})\n` : '\n'),
      );
    });
}
