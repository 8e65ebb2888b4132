// POST /api/v1/erasures { email, reason? } — erases one customer's personal data from the tenant
// (lib/erasure, docs/adr/0025-erasing-one-customer.md); answers the counts and the proof.
import { authEnv } from '@/lib/env';
import { eraseCustomer } from '@/lib/erasure/erase-customer';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  api('POST /api/v1/erasures'),
  ({ actor, ctx, body, operator, audit }) =>
    eraseCustomer(ctx.db, {
      ...body,
      tenantId: actor.tenantId,
      actor: operator,
      // the proof is keyed with the instance secret (lib/erasure/erasure-proof.ts)
      proofSecret: authEnv().NEXTAUTH_SECRET,
      audit,
    }),
);
