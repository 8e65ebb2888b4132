// POST /api/v1/transactions/{id}/notes { note } — context on the timeline; the status stays.
import { z } from 'zod';
import { tenantDb } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { defineRoute } from '@/lib/http/route';
import { addNote } from '@/lib/ledger/add-note';
import { operatorNoteSchema } from '@/lib/ledger/resolve';

export const POST = defineRoute(
  {
    permission: 'transactions.note',
    params: z.object({ id: z.uuid('unknown transaction') }),
    body: z.object({ note: operatorNoteSchema }),
  },
  async ({ actor, ctx, params, body }) => {
    const result = await addNote(tenantDb(ctx.db, actor.tenantId), actor.tenantId, params.id, {
      actor: { id: actor.userId, label: actor.name },
      note: body.note,
    });
    if (result.kind === 'not_found') throw notFound('transaction');
    return Response.json({ id: params.id, note: 'added' }, { status: 201 });
  },
);
