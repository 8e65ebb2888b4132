// `waybill migrate`: applies prisma/migrations to DATABASE_URL (lib/db/migrate.ts), idempotently.
import { Command } from 'commander';
import { setAppRolePassword } from '@/lib/db/app-role';
import { migrate } from '@/lib/db/migrate';
import { migrateEnv, serverEnv } from '@/lib/env';
import { settingsOrExit } from '../context';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description(
      'apply the database migrations (safe to run again; run before upgrading the processes)',
    )
    .option('--dir <path>', 'the migrations folder', 'prisma/migrations')
    .option(
      '--set-app-password',
      'then give the waybill_app role (web and worker) the password in APP_DATABASE_PASSWORD',
    )
    .action(async (options: { dir: string; setAppPassword?: boolean }) => {
      const url = await settingsOrExit(() => serverEnv().DATABASE_URL);
      const result = await settingsOrExit(() => migrate(url, options.dir));
      process.stdout.write(
        `migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied` +
          (result.applied.length ? ` (${result.applied.join(', ')})\n` : '\n'),
      );
      if (!options.setAppPassword) return;
      await settingsOrExit(() => setAppRolePassword(url, migrateEnv().APP_DATABASE_PASSWORD));
      process.stdout.write('the waybill_app role has its password (APP_DATABASE_PASSWORD)\n');
    });
}
