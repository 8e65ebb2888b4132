// `waybill user create`: a member of a tenant, either with a password read from stdin (the first
// admin of a fresh installation) or, by default, through a one-time invitation link the person
// opens to choose their own password. `waybill user reset-password`: a one-time link for someone
// locked out or who forgot their password (there is no mail: the operator hands the link over).
// Choosing the new password ends every session of the person; `--end-sessions` ends them already
// now, for an account that may be in someone else's hands. `waybill user reset-two-factor`: the way
// back in for someone who lost their phone and recovery codes when no admin can help.
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { serverEnv } from '@/lib/env';
import { issuePasswordReset, PASSWORD_RESET_MAX_TTL_MS } from '@/lib/identity/password-reset';
import { resetSecondFactorByEmail } from '@/lib/identity/second-factor-reset';
import { addMember } from '@/lib/members/add-member';
import { inviteMember } from '@/lib/members/invite-member';
import { getTenantBySlug } from '@/lib/tenants/create-tenant';
import { readStdin, withCli } from '../context';

interface CreateOptions {
  tenant: string;
  email: string;
  name?: string;
  role: string;
  passwordStdin?: boolean;
}

interface ResetOptions {
  email: string;
  validHours: number;
  endSessions?: boolean;
}

const HOUR_MS = 60 * 60 * 1000;
/** Whole hours, up to the longest a reset link may live (a week). */
const MAX_HOURS = PASSWORD_RESET_MAX_TTL_MS / HOUR_MS;
const hoursSchema = z
  .string()
  .regex(/^\d+$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_HOURS));

function validHours(value: string): number {
  const parsed = hoursSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidArgumentError(`a whole number of hours from 1 to ${MAX_HOURS}.`);
  return parsed.data;
}

/** Links the CLI prints point at the console's public URL (NEXTAUTH_URL). */
function consoleUrl(path: string): string {
  const base = serverEnv().NEXTAUTH_URL ?? 'http://127.0.0.1:3000';
  return new URL(path, base).toString();
}

export function userCommand(): Command {
  const user = new Command('user').description('people and their roles');
  user
    .command('create')
    .description('add a member to a tenant (prints an invitation link unless --password-stdin)')
    .requiredOption('--tenant <slug>', 'the tenant')
    .requiredOption('--email <email>', 'their email, which they sign in with')
    .option('--name <name>', 'their name (required with --password-stdin)')
    .option('--role <role>', 'admin, support, finance or viewer', 'viewer')
    .option('--password-stdin', 'read their password from stdin instead of inviting them')
    .action((options: CreateOptions) =>
      withCli(async ({ db, operator, actor, out }) => {
        const tenant = await getTenantBySlug(db, options.tenant);
        if (options.passwordStdin) {
          const added = await addMember(db, tenant.id, {
            email: options.email,
            name: options.name ?? '',
            role: options.role as 'viewer',
            password: await readStdin(),
            actor: operator,
          });
          out(
            `${options.email} is ${options.role} of ${options.tenant}` +
              (added.newUser ? ' (new user)' : ' (existing user, password unchanged)'),
          );
          out(`sign in at ${consoleUrl('/login')}`);
          return;
        }
        const invited = await inviteMember(db, tenant.id, {
          email: options.email,
          role: options.role as 'viewer',
          actor,
        });
        out(`invitation for ${invited.email} as ${options.role} of ${options.tenant}`);
        out(
          `one-time link (valid until ${invited.expiresAt.toISOString()}): ${consoleUrl(invited.path)}`,
        );
      }),
    );
  user
    .command('reset-password')
    .description('print a one-time link where the person chooses a new password (ends the lockout)')
    .requiredOption('--email <email>', 'their email')
    .option('--valid-hours <hours>', 'how long the link works', validHours, 24)
    .option('--end-sessions', 'sign the person out everywhere now (the new password does anyway)')
    .action((options: ResetOptions) =>
      withCli(async ({ db, operator, out }) => {
        const reset = await issuePasswordReset(db, {
          email: options.email,
          ttlMs: options.validHours * HOUR_MS,
          actor: operator,
          endSessions: options.endSessions === true,
        });
        out(`password reset for ${options.email.trim().toLowerCase()} (earlier links now end)`);
        if (options.endSessions) out('every session of this person has ended');
        out(
          `one-time link (valid until ${reset.expiresAt.toISOString()}): ${consoleUrl(reset.path)}`,
        );
      }),
    );
  user
    .command('reset-two-factor')
    .description(
      'remove a person’s second factor (lost phone and recovery codes); they set it up again',
    )
    .requiredOption('--email <email>', 'their email')
    .action((options: { email: string }) =>
      withCli(async ({ db, operator, out }) => {
        await resetSecondFactorByEmail(db, { email: options.email, actor: operator });
        out(
          `two-factor authentication of ${options.email.trim().toLowerCase()} removed: ` +
            'they sign in with their password and set it up again',
        );
      }),
    );
  return user;
}
