// Refused deliveries per connection as counts: the Inbound events screen lists only the latest
// refused rows of each connection (lib/ingest/record-refusal.ts keeps INGEST_REFUSED_KEEP), and
// this says how many there were in all and when the last one came.
import type { TenantDb } from '@/lib/db';

export async function listRefusedCounts(db: TenantDb) {
  const rows = await db.inboundRefusalCount.findMany({
    orderBy: { lastRefusedAt: 'desc' },
    take: 100,
    select: { refused: true, lastRefusedAt: true, connection: { select: { name: true } } },
  });
  return {
    total: rows.reduce((sum, r) => sum + Number(r.refused), 0),
    connections: rows.map((r) => ({
      connection: r.connection.name,
      refused: Number(r.refused),
      lastRefusedAt: r.lastRefusedAt.toISOString(),
    })),
  };
}

export type RefusedCounts = Awaited<ReturnType<typeof listRefusedCounts>>;
