// Per-connection gauges read from the ledger at scrape time: the outbox backlog, the rows due now,
// the age of the oldest due row, the circuit state and whether the connection is paused. Read from
// the database, not from this process's memory, so every worker reports the same truth and a
// connection no worker is draining still shows its backlog. One statement per scrape, bounded:
// per connection an index range of the outbox (connection_id, available_at), at most MAX_SERIES
// connections, and a statement timeout so a huge backlog cannot hold a scrape.
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '@/lib/db';

/** connections reported per scrape: far above any installation, low enough to bound the series */
export const MAX_SERIES = 2000;
const STATEMENT_TIMEOUT_MS = 2000;

/** the value of waybill_connection_circuit_state */
export const CIRCUIT_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

export interface ConnectionRow {
  tenant_id: string;
  tenant: string;
  connection: string;
  status: string;
  circuit: keyof typeof CIRCUIT_VALUE;
  backlog: bigint | number;
  due: bigint | number;
  oldest_due_age: number | null;
}

export interface ConnectionGauges {
  /** Reads the ledger and sets every gauge; returns tenant id → slug for the dispatch metrics. */
  collect(db: Db): Promise<Map<string, string>>;
}

export function createConnectionGauges(registry: Registry): ConnectionGauges {
  const labelNames = ['tenant', 'connection'] as const;
  const gauge = (name: string, help: string) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const backlog = gauge(
    'waybill_connection_backlog',
    'Transactions waiting to be dispatched to the connection (outbox rows: due, scheduled for a retry, or claimed)',
  );
  const due = gauge(
    'waybill_connection_due',
    'Outbox rows of the connection whose time has come (not claimed, not waiting for a retry)',
  );
  const oldest = gauge(
    'waybill_connection_oldest_due_age_seconds',
    'Age of the connection’s oldest due outbox row since it became due (0 when nothing is due)',
  );
  const circuit = gauge(
    'waybill_connection_circuit_state',
    'Circuit breaker state of the connection: 0 closed, 1 half-open (probing), 2 open',
  );
  const paused = gauge('waybill_connection_paused', '1 while the connection is paused, else 0');
  const all = [backlog, due, oldest, circuit, paused];

  return {
    async collect(db) {
      const rows = await readConnections(db);
      // a deleted connection's series go away instead of keeping their last value
      for (const g of all) g.reset();
      const slugs = new Map<string, string>();
      for (const row of rows) {
        slugs.set(row.tenant_id, row.tenant);
        const labels = { tenant: row.tenant, connection: row.connection };
        backlog.set(labels, Number(row.backlog));
        due.set(labels, Number(row.due));
        oldest.set(labels, Math.max(0, row.oldest_due_age ?? 0));
        circuit.set(labels, CIRCUIT_VALUE[row.circuit] ?? 0);
        paused.set(labels, row.status === 'paused' ? 1 : 0);
      }
      return slugs;
    },
  };
}

/** Every tenant's connections at once: the worker serves operators, not a tenant. */
async function readConnections(db: Db): Promise<ConnectionRow[]> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
    return tx.$queryRaw<ConnectionRow[]>`
      SELECT t.id::text AS tenant_id, t.slug AS tenant, c.key AS connection,
             c.status::text AS status, c.circuit_state::text AS circuit,
             o.backlog, o.due,
             extract(epoch FROM now() - o.oldest_due)::float8 AS oldest_due_age
      FROM connections c
      JOIN tenants t ON t.id = c.tenant_id
      CROSS JOIN LATERAL (
        SELECT count(*) AS backlog,
               count(*) FILTER (WHERE x.available_at <= now()) AS due,
               min(x.available_at) FILTER (WHERE x.available_at <= now()) AS oldest_due
        FROM outbox x WHERE x.connection_id = c.id
      ) o
      ORDER BY t.slug, c.key
      LIMIT ${MAX_SERIES}`;
  });
}
