// Read model of the Inbound events screen: every delivery as received — accepted, duplicate,
// ignored or rejected (with the reason) — newest first, keyset-paginated. No payload is shown;
// a reason may quote what the sender sent (a parser's message), so for roles without
// personal_data.read it is masked like every other text (lib/ledger/mask.ts).
import type { InboundStatus, TenantDb } from '@/lib/db';
import { decodeCursor, encodeCursor, keysetAfter } from '@/lib/ledger/keyset-cursor';
import { createMasker } from '@/lib/ledger/mask';

export async function listInboundEvents(
  db: TenantDb,
  query: { status?: InboundStatus; cursor?: string; limit: number; maskPersonalData?: boolean },
) {
  const mask = createMasker({ personal: query.maskPersonalData === true });
  const after = decodeCursor(query.cursor);
  const rows = await db.inboundEvent.findMany({
    where: {
      ...(query.status && { status: query.status }),
      ...keysetAfter('receivedAt', after),
    },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: {
      id: true,
      topic: true,
      providerEventId: true,
      status: true,
      signatureVerdict: true,
      rejectReason: true,
      sizeBytes: true,
      receivedAt: true,
      duplicateOfId: true,
      connection: { select: { name: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map((e) => ({
      id: e.id,
      connection: e.connection.name,
      topic: e.topic,
      providerEventId: e.providerEventId,
      status: e.status,
      signature: e.signatureVerdict,
      reason:
        e.rejectReason !== null
          ? mask.text(e.rejectReason)
          : e.duplicateOfId
            ? `duplicate of ${e.duplicateOfId}`
            : null,
      sizeBytes: e.sizeBytes,
      receivedAt: e.receivedAt.toISOString(),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ createdAt: last.receivedAt, id: last.id })
        : null,
  };
}

export type InboundList = Awaited<ReturnType<typeof listInboundEvents>>;
