// `waybill secret set`: a connection's credential field or webhook secret, read from stdin — never
// from the command line (shell history, `ps`) or a file argument. Write-only like the console.
import { Command } from 'commander';
import { replaceCredentials } from '@/lib/connections/replace-credentials';
import {
  rotateWebhookSecret,
  type RotateWebhookSecretInput,
} from '@/lib/connections/rotate-webhook-secret';
import { AppError } from '@/lib/errors';
import { getTenantBySlug } from '@/lib/tenants/create-tenant';
import { readStdin, withCli } from '../context';

interface SetOptions {
  tenant: string;
  connection: string;
  credentials?: boolean;
  webhookSecret?: boolean;
  overlap: string;
}

export function secretCommand(): Command {
  const secret = new Command('secret').description("connections' secrets (write-only)");
  secret
    .command('set')
    .description('set credentials (JSON on stdin) or the webhook secret (text on stdin)')
    .requiredOption('--tenant <slug>', 'the tenant')
    .requiredOption('--connection <key>', "the connection's key, e.g. warehouse")
    .option('--credentials', 'stdin is the credentials as JSON, e.g. {"apiKey":"…"}')
    .option('--webhook-secret', 'stdin is the new webhook signing secret')
    .option(
      '--overlap <choice>',
      'how long the previous webhook secret still verifies: none, 1h, 24h, 7d',
      'none',
    )
    .action((options: SetOptions) =>
      withCli(async ({ db, keyRing, operator, out }) => {
        if (Boolean(options.credentials) === Boolean(options.webhookSecret))
          throw new AppError('VALIDATION_FAILED', 'choose one: --credentials or --webhook-secret');
        const tenant = await getTenantBySlug(db, options.tenant);
        const connection = await db.connection.findFirst({
          where: { tenantId: tenant.id, key: options.connection },
          select: { id: true },
        });
        if (!connection)
          throw new AppError(
            'NOT_FOUND',
            `no connection "${options.connection}" in ${options.tenant}`,
          );
        const value = await readStdin();
        const by = { actor: operator, keyRing };
        if (options.credentials) {
          let credentials: unknown;
          try {
            credentials = JSON.parse(value);
          } catch {
            throw new AppError(
              'VALIDATION_FAILED',
              'stdin is not JSON: give the credentials as an object',
            );
          }
          const sealed = await replaceCredentials(
            db,
            tenant.id,
            connection.id,
            credentials as Record<string, unknown>,
            by,
          );
          out(`credentials of ${options.connection} replaced (sealed with key ${sealed.keyId})`);
        } else {
          const rotated = await rotateWebhookSecret(
            db,
            tenant.id,
            connection.id,
            { secret: value, overlap: options.overlap as RotateWebhookSecretInput['overlap'] },
            by,
          );
          out(
            `webhook secret of ${options.connection} replaced` +
              (rotated.previousAcceptedUntil
                ? `; the previous one verifies until ${rotated.previousAcceptedUntil.toISOString()}`
                : ''),
          );
        }
      }),
    );
  return secret;
}
