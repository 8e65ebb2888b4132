// The state comparison of one transaction: the ledger's canonical command (the latest one sent)
// beside the live records of the flow's source system (by the source object id) and target system
// (by the external reference, or the command's own reference as the engine's "already present"
// lookup does), field by field, with the owning system from the active mapping version's field
// ownership and the time of each reading. One call per system, both at once, each within the
// provider timeout. Values are compared unmasked and shown masked (present-comparison.ts).
import type { KeyRing } from '@/lib/crypto/key-ring';
import { tenantDb, type Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { InvalidRule } from '@/lib/ledger/masking-rules';
import { loadSensitiveValues } from '@/lib/ledger/transaction-mask';
import { isUuid } from '@/lib/base/uuid';
import { compareFields } from './compare-fields';
import { presentComparison } from './present-comparison';
import { readLiveRecord, type LiveConnection, type LiveReading } from './read-live-record';

const connectionSelect = {
  key: true,
  name: true,
  provider: true,
  settings: true,
  baseUrl: true,
  credentialsEncrypted: true,
  maskingRules: true,
} as const;

export async function getStateComparison(
  db: Db,
  tenantId: string,
  transactionId: string,
  deps: {
    keyRing: KeyRing;
    /** each provider read's timeout (the engine's provider timeout) */
    timeoutMs: number;
    maskPersonalData: boolean;
    onInvalidRule?: (rule: InvalidRule) => void;
  },
) {
  if (!isUuid(transactionId)) throw notFound('transaction');
  const t = await tenantDb(db, tenantId).transaction.findUnique({
    where: { id: transactionId },
    select: {
      id: true,
      businessKey: true,
      sourceObjectId: true,
      status: true,
      externalRefs: true,
      flow: {
        select: {
          name: true,
          eventType: true,
          operation: true,
          sourceConnection: { select: connectionSelect },
          targetConnection: { select: connectionSelect },
          activeMappingVersion: { select: { version: true, fieldOwnership: true } },
        },
      },
      timeline: {
        where: { type: 'command.sent' },
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        take: 1,
        select: { data: true, occurredAt: true },
      },
    },
  });
  if (!t) throw notFound('transaction');
  const { flow } = t;
  const sent = t.timeline[0];
  const command = commandOf(sent?.data);
  const refs = stringRecord(t.externalRefs);
  const read = (c: LiveConnection, kind: string, id: string | null) =>
    readLiveRecord(c, kind, { id, businessKey: t.businessKey, command }, deps);
  // The source object exists whether or not anything was sent; the target is looked up only by
  // what the ledger knows about it (its reference, or the command's own lookup key).
  const [source, target] = await Promise.all([
    read(flow.sourceConnection, flow.eventType, t.sourceObjectId),
    read(flow.targetConnection, flow.operation, refs[flow.targetConnection.key] ?? null),
  ]);
  const ownership = stringRecord(flow.activeMappingVersion?.fieldOwnership);
  const fieldsOf = (r: LiveReading) => (r.state === 'read' ? r.record.fields : null);
  const rows = compareFields(
    command ?? {},
    [
      { fields: fieldsOf(source), addsRows: false },
      { fields: fieldsOf(target), addsRows: true },
    ],
    ownership,
  );
  const values = await loadSensitiveValues(tenantDb(db, tenantId), [t.id], {
    personal: deps.maskPersonalData,
    onInvalidRule: deps.onInvalidRule,
  });
  return presentComparison(
    {
      transaction: { id: t.id, businessKey: t.businessKey, status: t.status, externalRefs: refs },
      flow: { name: flow.name, operation: flow.operation, eventType: flow.eventType },
      mappingVersion: flow.activeMappingVersion?.version ?? null,
      command,
      commandSentAt: sent?.occurredAt.toISOString() ?? null,
      systems: [
        { role: 'source', connection: flow.sourceConnection, reading: source },
        { role: 'target', connection: flow.targetConnection, reading: target },
      ],
      rows,
    },
    { ...deps, values: values.get(t.id) },
  );
}

/** The canonical command a command.sent fact recorded; null when none was sent. */
function commandOf(data: unknown): Record<string, unknown> | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const request = (data as Record<string, unknown>).request;
  return request && typeof request === 'object' && !Array.isArray(request)
    ? (request as Record<string, unknown>)
    : null;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export type StateComparison = Awaited<ReturnType<typeof getStateComparison>>;
