'use server';

// Issue and revoke API tokens. Issuing answers the secret exactly once, to the admin who asked;
// nothing else (page, log, audit entry) ever holds it.
import { z } from 'zod';
import { issueApiToken, issueApiTokenSchema } from '@/lib/api-tokens/issue-api-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { setMaxTokenLifetime, tokenLifetimeSchema } from '@/lib/api-tokens/token-lifetime';
import { listOf } from '@/lib/base/form-input';
import { succeeded, type ActionFailure, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';

const PAGE = '/settings/tokens';
const DOING = 'manage API tokens';

export type IssueTokenResult =
  ActionFailure | { ok: true; message: string; name: string; prefix: string; secret: string };

export const issueToken = defineFormAction({
  permission: 'tokens.manage',
  doing: DOING,
  input: issueApiTokenSchema.extend({
    // left out reads as blank, so the schema's own words ("give the token a name") answer
    name: z.preprocess((v) => v ?? '', issueApiTokenSchema.shape.name),
    // the scope checkboxes: none ticked is an empty list, refused in words by the schema
    scopes: listOf(z.string()).pipe(issueApiTokenSchema.shape.scopes),
  }),
  revalidate: [PAGE],
  async run({ ctx, actor, audit, input }): Promise<IssueTokenResult> {
    const issued = await issueApiToken(ctx.db, actor.tenantId, {
      ...input,
      actor,
      requestId: audit.requestId,
    });
    return {
      ok: true,
      message: `Token "${issued.name}" issued.`,
      name: issued.name,
      prefix: issued.prefix,
      secret: issued.secret,
    };
  },
});

export const revokeToken = defineFormAction({
  permission: 'tokens.manage',
  doing: DOING,
  input: z.object({ id: z.uuid('unknown token') }),
  revalidate: [PAGE],
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const result = await revokeApiToken(ctx.db, actor.tenantId, {
      id: input.id,
      actor,
      requestId: audit.requestId,
    });
    return succeeded(
      result.alreadyRevoked
        ? `"${result.name}" was already revoked.`
        : `"${result.name}" is revoked: requests with it are refused from now on.`,
    );
  },
});

export const setTokenLifetime = defineFormAction({
  permission: 'tokens.manage',
  doing: DOING,
  input: tokenLifetimeSchema,
  revalidate: [PAGE],
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const set = await setMaxTokenLifetime(ctx.db, actor.tenantId, {
      days: input.days,
      actor: operator,
      requestId: audit.requestId,
    });
    return succeeded(
      set.days === set.previous
        ? `Tokens already live at most ${set.days} days.`
        : `Tokens now live at most ${set.days} days; older ones stop working.`,
    );
  },
});
