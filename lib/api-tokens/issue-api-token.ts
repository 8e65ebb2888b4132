// Issues an API token: the secret is made here, returned once to the caller and never stored or
// logged; the ledger keeps its SHA-256 and a short display prefix. The audit entry records the
// name, scopes and prefix (never the secret) in the same transaction as the row.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { displayPrefixOf, generateApiTokenSecret, hashApiToken } from '@/lib/identity/api-token';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { scopesSchema } from './scopes';

/** what the console offers; the CLI takes any number of days up to the tenant's maximum */
export const EXPIRY_CHOICES = ['30', '90', '365'] as const;

export const issueApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'give the token a name').max(100, 'the name is too long'),
  scopes: scopesSchema,
  /** days from now; "never" is refused by every tenant's maximum lifetime, in words */
  expiry: z.union(
    [
      z.literal('never'),
      z.coerce
        .number('choose when the token expires')
        .int('the expiry is a whole number of days')
        .min(1, 'a token lives at least 1 day'),
    ],
    'choose when the token expires',
  ),
});
export type IssueApiTokenInput = z.input<typeof issueApiTokenSchema>;

export interface IssuedApiToken {
  id: string;
  name: string;
  prefix: string;
  /** shown once; the ledger cannot give it back */
  secret: string;
  expiresAt: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function issueApiToken(
  db: Db,
  tenantId: string,
  input: IssueApiTokenInput & {
    actor: Pick<Actor, 'kind' | 'userId' | 'name'>;
    requestId?: string | null;
    now?: Date;
  },
): Promise<IssuedApiToken> {
  const { name, scopes, expiry } = issueApiTokenSchema.parse(input);
  // A token issued by a token would have no person behind it, i.e. the CLI's admin ceiling.
  if (input.actor.kind === 'token')
    throw new AppError('FORBIDDEN', 'an API token may not issue API tokens');
  const now = input.now ?? new Date();
  const secret = generateApiTokenSecret();
  const prefix = displayPrefixOf(secret);
  const token = await db.$transaction(async (tx) => {
    const { maxTokenLifetimeDays } = await tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { maxTokenLifetimeDays: true },
    });
    if (expiry === 'never' || expiry > maxTokenLifetimeDays) {
      const message = `tokens of this organisation live at most ${maxTokenLifetimeDays} days`;
      throw new AppError('VALIDATION_FAILED', message, { fieldErrors: { expiry: [message] } });
    }
    const expiresAt = new Date(now.getTime() + expiry * DAY_MS);
    const row = await tx.apiToken.create({
      data: {
        tenantId,
        name,
        prefix,
        tokenHash: hashApiToken(secret),
        scopes,
        createdById: input.actor.kind === 'user' ? input.actor.userId : null,
        createdAt: now,
        expiresAt,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(operatorOf(input.actor)),
      requestId: input.requestId ?? null,
      event: {
        action: 'token.issued',
        objectType: 'api_token',
        objectId: row.id,
        before: null,
        after: { name, scopes, prefix, expiresAt: expiresAt.toISOString() },
      },
    });
    return { id: row.id, expiresAt };
  });
  return { id: token.id, name, prefix, secret, expiresAt: token.expiresAt };
}
