// Retires a flow: it takes no new transactions (ingest, polls and backfills skip it), the pause
// toggle no longer moves it, its schedulers go at the worker's next sync, and it is listed apart.
// Its history stays: transactions already recorded keep their state (those not yet sent wait, as
// for a paused flow, and go out only if the flow is brought back by editing it). Refused while a
// flow that is not retired waits for it: those would wait forever.
import { recordChange, type ChangedBy } from '@/lib/audit/record-change';
import { tenantDb, type Db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';

export async function retireFlow(
  db: Db,
  tenantId: string,
  id: string,
  by: ChangedBy,
): Promise<{ id: string; key: string; name: string; status: 'retired'; changed: boolean }> {
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM flows WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
    const flow = await tx.flow.findFirst({
      where: { id },
      select: { id: true, key: true, name: true, status: true },
    });
    if (!flow) throw notFound('flow');
    const answer = { id, key: flow.key, name: flow.name, status: 'retired' as const };
    if (flow.status === 'retired') return { ...answer, changed: false };
    const waiting = await tx.flow.findMany({
      where: { dependsOnFlowId: id, status: { not: 'retired' } },
      select: { name: true },
      orderBy: { name: 'asc' },
    });
    if (waiting.length > 0)
      throw new AppError(
        'CONFLICT',
        `${waiting.map((f) => `"${f.name}"`).join(', ')} ${waiting.length === 1 ? 'waits' : 'wait'} for this flow: change or retire ${waiting.length === 1 ? 'it' : 'them'} first`,
      );
    await tx.flow.update({ where: { id }, data: { status: 'retired' }, select: { id: true } });
    await recordChange(tx, tenantId, by, {
      action: 'flow.retired',
      objectType: 'flow',
      objectId: id,
      before: { key: flow.key, status: flow.status },
      after: { key: flow.key, status: 'retired' },
    });
    return { ...answer, changed: true };
  });
}
