// `waybill token create`: an API token for automation, shown once (only its hash is stored).
import { Command } from 'commander';
import { issueApiToken, type IssueApiTokenInput } from '@/lib/api-tokens/issue-api-token';
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
    .option('--expires <days>', 'days until it expires: 30, 90 or never', '90')
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
          expiry: options.expires as IssueApiTokenInput['expiry'],
          actor,
        });
        // the secret goes to stdout alone, so `$(waybill token create …)` captures just it
        process.stderr.write(`token "${options.name}" issued; it is shown once:\n`);
        out(issued.secret);
      }),
    );
  return token;
}
