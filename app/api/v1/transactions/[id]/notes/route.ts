// POST /api/v1/transactions/{id}/notes { note } — context on the timeline; the status stays.
import { tenantDb } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { addNote } from '@/lib/ledger/add-note';

export const POST = defineRoute(
  api('POST /api/v1/transactions/{id}/notes'),
  async ({ actor, ctx, params, body, operator, audit }) => {
    const result = await addNote(tenantDb(ctx.db, actor.tenantId), actor.tenantId, params.id, {
      actor: operator,
      note: body.note,
      audit,
    });
    if (result.kind === 'not_found') throw notFound('transaction');
    return Response.json({ id: params.id, note: 'added' }, { status: 201 });
  },
);
