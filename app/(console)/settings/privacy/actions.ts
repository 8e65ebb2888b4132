'use server';

// Erase one customer's personal data on request. The address is typed twice: the erasure cannot be
// undone, and a typo would erase nothing (or someone else).
import { z } from 'zod';
import { authEnv } from '@/lib/env';
import {
  eraseCustomer,
  erasureRequestSchema,
  type ErasureResult,
} from '@/lib/erasure/erase-customer';
import type { ActionFailure } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';

export type EraseCustomerResult =
  ActionFailure | { ok: true; message: string; result: ErasureResult };

export const eraseCustomerAction = defineFormAction({
  permission: 'personal_data.erase',
  doing: "erase a customer's personal data",
  input: erasureRequestSchema
    .extend({
      email: z.preprocess((v) => v ?? '', erasureRequestSchema.shape.email),
      confirm: z.preprocess(
        (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
        z.string(),
      ),
    })
    .refine((i) => i.confirm === i.email, {
      message: 'type the same address again to confirm',
      path: ['confirm'],
    }),
  revalidate: ['/settings/privacy'],
  async run({ ctx, actor, operator, audit, input }): Promise<EraseCustomerResult> {
    const result = await eraseCustomer(ctx.db, {
      email: input.email,
      reason: input.reason,
      tenantId: actor.tenantId,
      actor: operator,
      proofSecret: authEnv().NEXTAUTH_SECRET,
      audit,
    });
    return {
      ok: true,
      message:
        result.total === 0
          ? 'Nothing held this address: nothing was changed. The request is recorded in the audit log.'
          : `Erased: ${result.total} records now read "${result.marker}". Recorded in the audit log.`,
      result,
    };
  },
});
