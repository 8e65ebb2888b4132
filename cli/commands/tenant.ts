// `waybill tenant create --slug acme --name "Acme Outfitters"`: an empty tenant on any database.
import { Command } from 'commander';
import { createTenant } from '@/lib/tenants/create-tenant';
import { withCli } from '../context';

export function tenantCommand(): Command {
  const tenant = new Command('tenant').description('tenants (organisations using Waybill)');
  tenant
    .command('create')
    .description('create an empty tenant')
    .requiredOption('--slug <slug>', 'its name in URLs and webhook addresses, e.g. acme')
    .requiredOption('--name <name>', 'its display name')
    .action((options: { slug: string; name: string }) =>
      withCli(async ({ db, operator, out }) => {
        const created = await createTenant(db, { ...options, actor: operator });
        out(`tenant ${created.slug} created (${created.id})`);
        out(
          `next: waybill user create --tenant ${created.slug} --email <you> --name <name> --role admin`,
        );
      }),
    );
  return tenant;
}
