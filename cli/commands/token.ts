// `waybill token create`: an API token for automation, shown once (only its hash is stored).
// A token issued here has no member behind it: its scopes alone limit it (the operator at the
// server's command line can do anything already), and it lives no longer than the tenant's
// maximum (`waybill token max-lifetime`), like every token.
import { Command } from 'commander';
import { issueApiToken, type IssueApiTokenInput } from '@/lib/api-tokens/issue-api-token';
import { setMaxTokenLifetime } from '@/lib/api-tokens/token-lifetime';
import { getTenantBySlug } from '@/lib/tenants/create-tenant';
import { withCli } from '../context';

export function tokenCommand(): Command {
  const token = new Command('token').description('API tokens for automation');
  token
    .command('create')
    .description('issue a token with scopes (a subset of the permission matrix); printed once')
    .requiredOption('--tenant <slug>', 'the tenant it acts for')
    .requiredOption('--name <name>', 'what it is for, e.g. "deploy pipeline"')
    .requiredOption(
      '--scopes <list>',
      'comma-separated permissions, e.g. transactions.read,audit.read',
    )
    .option(
      '--expires <days>',
      "days until it expires, at most the tenant's maximum (365 unless changed)",
      '90',
    )
    .action((options: { tenant: string; name: string; scopes: string; expires: string }) =>
      withCli(async ({ db, actor, out }) => {
        const tenant = await getTenantBySlug(db, options.tenant);
        // the use case's schema judges the values and names what is wrong
        const issued = await issueApiToken(db, tenant.id, {
          name: options.name,
          scopes: options.scopes
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean) as IssueApiTokenInput['scopes'],
          expiry: options.expires,
          actor,
        });
        // the secret goes to stdout alone, so `$(waybill token create …)` captures just it
        process.stderr.write(`token "${options.name}" issued; it is shown once:\n`);
        out(issued.secret);
      }),
    );
  token
    .command('max-lifetime')
    .description("set the tenant's maximum token lifetime; older tokens stop working at once")
    .requiredOption('--tenant <slug>', 'the tenant')
    .requiredOption('--days <days>', 'the maximum lifetime in days (1 to 3650)')
    .action((options: { tenant: string; days: string }) =>
      withCli(async ({ db, operator, out }) => {
        const tenant = await getTenantBySlug(db, options.tenant);
        const set = await setMaxTokenLifetime(db, tenant.id, {
          days: options.days,
          actor: operator,
        });
        out(`tokens of ${tenant.slug} live at most ${set.days} days (was ${set.previous})`);
      }),
    );
  return token;
}
