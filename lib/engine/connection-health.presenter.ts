// Read model of the Connections screen: per connection, is it paused, is its circuit open and since
// when, when did it last succeed or fail (and why), its limits, and the work waiting for it in the
// outbox (the dispatch queue of record: a row exists exactly while a transaction needs sending);
// per flow, its status, route and backlog. Queries go through the tenant-scoped client, so every
// one of them is filtered by tenant; the assembly is a pure function so it can be unit-tested.
import type { CircuitState, ConnectionStatus, FlowStatus, TenantDb } from '@/lib/db';
import { createMasker } from '@/lib/ledger/mask';

export interface BacklogFacts {
  /** every outbox row: due now, scheduled for a retry, or held by a worker right now */
  total: number;
  /** rows whose time has come (claimed rows are leased into the future, so they are not due) */
  due: number;
  oldestDueAt: Date | null;
}

/** The current pause, as set by whoever paused (cleared on resume). */
export interface PauseFacts {
  pausedAt: Date | null;
  pausedBy: string | null;
  pauseReason: string | null;
}

export interface ConnectionFacts extends PauseFacts {
  id: string;
  key: string;
  name: string;
  provider: string;
  status: ConnectionStatus;
  circuitState: CircuitState;
  circuitChangedAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
  rateLimitPerSecond: number | null;
  maxConcurrency: number | null;
}

export interface FlowFacts extends PauseFacts {
  id: string;
  name: string;
  status: FlowStatus;
  eventType: string;
  operation: string;
  sourceConnection: { name: string };
  targetConnection: { id: string; name: string; status: ConnectionStatus };
}

/** One word for the row, most urgent first: what an operator needs to know before the details. */
export type ConnectionVerdict =
  'paused' | 'circuit_open' | 'probing' | 'failing' | 'healthy' | 'idle';

export function connectionVerdict(c: ConnectionFacts): ConnectionVerdict {
  if (c.status === 'paused') return 'paused';
  switch (c.circuitState) {
    case 'open':
      return 'circuit_open';
    case 'half_open':
      return 'probing';
    case 'closed':
      break;
    default: {
      const exhaustive: never = c.circuitState;
      return exhaustive;
    }
  }
  if (!c.lastSuccessAt && !c.lastFailureAt) return 'idle';
  if (c.lastFailureAt && (!c.lastSuccessAt || c.lastFailureAt > c.lastSuccessAt)) return 'failing';
  return 'healthy';
}

export function backlogView(facts: BacklogFacts | undefined, now: Date) {
  const oldest = facts?.oldestDueAt ?? null;
  return {
    total: facts?.total ?? 0,
    due: facts?.due ?? 0,
    oldestDueAgeSeconds: oldest
      ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000))
      : null,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Who paused, when and why; null while it runs (and for a pause made before reasons were kept,
 *  only what is known). */
export function pauseView(status: string, facts: PauseFacts) {
  if (status !== 'paused') return null;
  return { at: iso(facts.pausedAt), by: facts.pausedBy, reason: facts.pauseReason };
}

export function buildConnectionHealth(
  input: {
    connections: readonly ConnectionFacts[];
    flows: readonly FlowFacts[];
    connectionBacklog: ReadonlyMap<string, BacklogFacts>;
    flowBacklog: ReadonlyMap<string, BacklogFacts>;
  },
  now: Date,
) {
  return {
    asOf: now.toISOString(),
    connections: input.connections.map((c) => ({
      id: c.id,
      key: c.key,
      name: c.name,
      provider: c.provider,
      status: c.status,
      verdict: connectionVerdict(c),
      pause: pauseView(c.status, c),
      circuit: { state: c.circuitState, since: iso(c.circuitChangedAt) },
      lastSuccessAt: iso(c.lastSuccessAt),
      lastFailureAt: iso(c.lastFailureAt),
      lastError: c.lastError,
      rateLimitPerSecond: c.rateLimitPerSecond,
      maxConcurrency: c.maxConcurrency,
      backlog: backlogView(input.connectionBacklog.get(c.id), now),
    })),
    flows: input.flows.map((f) => ({
      id: f.id,
      name: f.name,
      status: f.status,
      pause: pauseView(f.status, f),
      eventType: f.eventType,
      operation: f.operation,
      source: f.sourceConnection.name,
      target: f.targetConnection.name,
      targetConnectionId: f.targetConnection.id,
      // A flow into a paused connection sends nothing even while the flow itself is active.
      heldByPausedTarget: f.status === 'active' && f.targetConnection.status === 'paused',
      backlog: backlogView(input.flowBacklog.get(f.id), now),
    })),
  };
}

const PAUSE_SELECT = { pausedAt: true, pausedBy: true, pauseReason: true } as const;

export async function getConnectionHealth(
  db: TenantDb,
  options: {
    now?: Date;
    /** a provider's last error may quote what was sent: masked for roles without personal_data.read */
    maskPersonalData?: boolean;
  } = {},
) {
  const now = options.now ?? new Date();
  const [connections, flows, connectionBacklog, flowBacklog] = await Promise.all([
    db.connection.findMany({
      orderBy: { name: 'asc' },
      select: {
        id: true,
        key: true,
        name: true,
        provider: true,
        status: true,
        ...PAUSE_SELECT,
        circuitState: true,
        circuitChangedAt: true,
        lastSuccessAt: true,
        lastFailureAt: true,
        lastError: true,
        rateLimitPerSecond: true,
        maxConcurrency: true,
      },
    }),
    db.flow.findMany({
      // retired flows cannot be paused or resumed: they are listed apart on the Flows screen
      where: { status: { not: 'retired' } },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        status: true,
        ...PAUSE_SELECT,
        eventType: true,
        operation: true,
        sourceConnection: { select: { name: true } },
        targetConnection: { select: { id: true, name: true, status: true } },
      },
    }),
    backlogBy(db, 'connectionId', now),
    backlogBy(db, 'flowId', now),
  ]);
  const mask = createMasker({ personal: options.maskPersonalData === true });
  const masked = connections.map((c) => ({
    ...c,
    lastError: c.lastError === null ? null : mask.text(c.lastError),
  }));
  return buildConnectionHealth({ connections: masked, flows, connectionBacklog, flowBacklog }, now);
}

/** Outbox rows per connection or per flow: all of them, and the due ones with the oldest due. */
async function backlogBy(
  db: TenantDb,
  key: 'connectionId' | 'flowId',
  now: Date,
): Promise<Map<string, BacklogFacts>> {
  const [all, due] = await Promise.all([
    db.outboxEntry.groupBy({ by: [key], _count: { _all: true } }),
    db.outboxEntry.groupBy({
      by: [key],
      where: { availableAt: { lte: now } },
      _count: { _all: true },
      _min: { availableAt: true },
    }),
  ]);
  const result = new Map<string, BacklogFacts>();
  for (const row of all)
    result.set(row[key], { total: row._count._all, due: 0, oldestDueAt: null });
  for (const row of due) {
    // Two reads, not one snapshot: a row added in between must not show more due than waiting.
    const total = Math.max(result.get(row[key])?.total ?? 0, row._count._all);
    result.set(row[key], { total, due: row._count._all, oldestDueAt: row._min.availableAt });
  }
  return result;
}

export type ConnectionHealth = Awaited<ReturnType<typeof getConnectionHealth>>;
export type ConnectionHealthRow = ConnectionHealth['connections'][number];
export type FlowHealthRow = ConnectionHealth['flows'][number];
