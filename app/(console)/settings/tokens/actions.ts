'use server';

// Issue and revoke API tokens. Issuing answers the secret exactly once, to the admin who asked;
// nothing else (page, log, audit entry) ever holds it.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { issueApiToken, issueApiTokenSchema } from '@/lib/api-tokens/issue-api-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { requireActor } from '@/lib/auth/session';
import {
  actionFailure,
  succeeded,
  type ActionFailure,
  type ActionResult,
} from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { serverContext } from '@/lib/server/context';

export type IssueTokenResult =
  ActionFailure | { ok: true; message: string; name: string; prefix: string; secret: string };

export async function issueToken(
  _previous: IssueTokenResult | null,
  form: FormData,
): Promise<IssueTokenResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('tokens.manage');
    const input = issueApiTokenSchema.parse({
      name: form.get('name') ?? '',
      scopes: form.getAll('scopes'),
      expiry: form.get('expiry') ?? '',
    });
    const issued = await issueApiToken(ctx.db, actor.tenantId, {
      ...input,
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath('/settings/tokens');
    return {
      ok: true,
      message: `Token "${issued.name}" issued.`,
      name: issued.name,
      prefix: issued.prefix,
      secret: issued.secret,
    };
  } catch (error) {
    return actionFailure(error, ctx.log, 'manage API tokens');
  }
}

const revokeForm = z.object({ id: z.uuid('unknown token') });

export async function revokeToken(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('tokens.manage');
    const { id } = revokeForm.parse({ id: form.get('id') ?? '' });
    const result = await revokeApiToken(ctx.db, actor.tenantId, {
      id,
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath('/settings/tokens');
    return succeeded(
      result.alreadyRevoked
        ? `"${result.name}" was already revoked.`
        : `"${result.name}" is revoked: requests with it are refused from now on.`,
    );
  } catch (error) {
    return actionFailure(error, ctx.log, 'manage API tokens');
  }
}
