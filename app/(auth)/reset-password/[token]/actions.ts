'use server';

// Choosing a new password from a reset link. No session is needed: the link's secret is the
// proof, checked (hashed) and claimed once by lib/identity/password-reset.ts, which also applies
// the console's password rules.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/http/action-result';
import { definePublicFormAction } from '@/lib/http/define-action';
import { redeemPasswordReset } from '@/lib/identity/password-reset';

export const resetPasswordAction = definePublicFormAction({
  doing: 'reset this password',
  input: z.object({
    secret: z.string().max(200).default(''),
    password: z.string().max(400).default(''),
    confirm: z.string().max(400).default(''),
  }),
  async run({ ctx, audit, input }): Promise<ActionResult> {
    if (input.password !== input.confirm)
      return failed(422, 'The two passwords are not the same. Type them again.');
    await redeemPasswordReset(ctx.db, {
      secret: input.secret,
      password: input.password,
      requestId: audit.requestId,
    });
    redirect('/login?notice=password_reset');
  },
});
