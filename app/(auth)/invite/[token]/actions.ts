'use server';

// Accepting an invitation from its link. No session is needed: the link's secret is the proof,
// checked (hashed) by lib/members/accept-invitation.ts, which also decides whether this is a new
// account (name + password) or an existing one (current password) and judges the fields.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { failed, type ActionResult } from '@/lib/http/action-result';
import { definePublicFormAction } from '@/lib/http/define-action';
import { acceptInvitation } from '@/lib/members/accept-invitation';

// Read as sent: which fields are present says which kind of account this is.
const sent = z.string().optional();

export const acceptInvitationAction = definePublicFormAction({
  doing: 'accept this invitation',
  input: z.object({
    secret: sent,
    name: sent,
    password: sent,
    confirm: sent,
    currentPassword: sent,
  }),
  async run({ ctx, audit, input }): Promise<ActionResult> {
    const { confirm, ...answer } = input;
    if (answer.password !== undefined && answer.password !== confirm)
      return failed(422, 'The two passwords are not the same. Type them again.');
    await acceptInvitation(ctx.db, {
      ...answer,
      secret: answer.secret ?? '',
      requestId: audit.requestId,
    });
    redirect('/login?notice=joined');
  },
});
