// Read model of the Replays screen: the flows to filter by and the most recent replay batches with
// their progress (replayed + skipped of total), who asked and why, and what they asked for.
// replay_batches is not covered by the tenant-scoped client, so every query here names the tenant.
import type { Db } from '@/lib/db';
import { replayFilterSchema } from './replay-batch';

export async function listReplayBatches(db: Db, tenantId: string, options: { limit: number }) {
  const [flows, batches] = await Promise.all([
    db.flow.findMany({
      where: { tenantId },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
    db.replayBatch.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: options.limit,
      select: {
        id: true,
        requestedBy: true,
        reason: true,
        filter: true,
        total: true,
        replayed: true,
        skipped: true,
        status: true,
        createdAt: true,
        finishedAt: true,
      },
    }),
  ]);
  const flowName = new Map(flows.map((f) => [f.id, f.name]));
  const rows = batches.map((b) => {
    const handled = b.replayed + b.skipped;
    return {
      id: b.id,
      status: b.status,
      total: b.total,
      replayed: b.replayed,
      skipped: b.skipped,
      handled,
      // An empty batch is finished work, not a bar stuck at zero.
      percent: b.total === 0 ? 100 : Math.min(100, Math.floor((handled / b.total) * 100)),
      requestedBy: b.requestedBy,
      reason: b.reason,
      filter: describeFilter(b.filter, flowName),
      createdAt: b.createdAt.toISOString(),
      finishedAt: b.finishedAt?.toISOString() ?? null,
    };
  });
  return { flows, batches: rows, anyRunning: rows.some((b) => b.status === 'running') };
}

/** The stored filter in words; a filter this code cannot read is shown as such, not hidden. */
export function describeFilter(stored: unknown, flowName: ReadonlyMap<string, string>) {
  const parsed = replayFilterSchema.safeParse(stored);
  if (!parsed.success) return { text: 'filter not readable', parts: [] as string[] };
  const f = parsed.data;
  const parts = [
    f.flowId ? `flow ${flowName.get(f.flowId) ?? 'deleted flow'}` : 'all flows',
    ...(f.connectionId ? ['one target connection'] : []),
    f.errorClass ? `class ${f.errorClass}` : 'any class',
    f.statuses.map((s) => s.replace('_', ' ')).join(' or '),
    ...(f.from ? [`from ${f.from.toISOString()}`] : []),
    ...(f.to ? [`until ${f.to.toISOString()}`] : []),
  ];
  return { text: parts.join(' · '), parts };
}

export type ReplayBatches = Awaited<ReturnType<typeof listReplayBatches>>;
export type ReplayBatchRow = ReplayBatches['batches'][number];
