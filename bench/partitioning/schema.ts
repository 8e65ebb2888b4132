// The two designs the partitioning study compares, as DDL. Only the tables the question is about,
// with the columns and indexes of prisma/schema.prisma that the measured paths touch: enums are
// text, transactions keep four of their indexes (the ingest write's cost is compared between the
// designs, and both carry the same transactions indexes). `plain` is today's shape; `part` is the
// shape native range partitioning by month forces on it.

/** Indexes and constraints of today's tables, created after the bulk load (faster). */
export const plainSchema = {
  tables: `
    CREATE SCHEMA plain;
    CREATE TABLE plain.inbound_events (
      id uuid NOT NULL, tenant_id uuid NOT NULL, connection_id uuid NOT NULL,
      provider_event_id text, dedupe_key text, duplicate_of_id uuid, topic text,
      status text NOT NULL, signature_verdict text NOT NULL, reject_reason text,
      headers jsonb NOT NULL DEFAULT '{}', body text NOT NULL, size_bytes int NOT NULL,
      received_at timestamptz(3) NOT NULL DEFAULT now());
    CREATE TABLE plain.transactions (
      id uuid NOT NULL, tenant_id uuid NOT NULL, flow_id uuid NOT NULL, inbound_event_id uuid NOT NULL,
      business_key text NOT NULL, source_object_id text NOT NULL, source_sequence bigint,
      idempotency_key text NOT NULL, status text NOT NULL DEFAULT 'received', customer_email text,
      external_refs jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now());
    CREATE TABLE plain.timeline_entries (
      id bigint NOT NULL, tenant_id uuid NOT NULL, transaction_id uuid NOT NULL,
      kind text NOT NULL, type text NOT NULL, summary text NOT NULL, actor text NOT NULL DEFAULT 'system',
      from_status text, to_status text, data jsonb,
      occurred_at timestamptz(3) NOT NULL DEFAULT now());
    CREATE TABLE plain.outbox (
      id bigserial PRIMARY KEY, tenant_id uuid NOT NULL, transaction_id uuid NOT NULL UNIQUE,
      connection_id uuid NOT NULL, flow_id uuid NOT NULL, available_at timestamptz(3) NOT NULL DEFAULT now());`,
  indexes: [
    `ALTER TABLE plain.inbound_events ADD PRIMARY KEY (id)`,
    `CREATE UNIQUE INDEX ON plain.inbound_events (connection_id, dedupe_key)`,
    `CREATE INDEX ON plain.inbound_events (tenant_id, received_at DESC)`,
    `CREATE INDEX ON plain.inbound_events (tenant_id, status, received_at DESC)`,
    `CREATE INDEX ON plain.inbound_events (connection_id, status, received_at DESC)`,
    `ALTER TABLE plain.transactions ADD PRIMARY KEY (id)`,
    `CREATE UNIQUE INDEX ON plain.transactions (tenant_id, idempotency_key)`,
    `CREATE INDEX ON plain.transactions (tenant_id, created_at DESC, id DESC)`,
    `CREATE INDEX ON plain.transactions (tenant_id, business_key)`,
    `CREATE SEQUENCE plain.timeline_entries_id_seq OWNED BY plain.timeline_entries.id`,
    `ALTER TABLE plain.timeline_entries ALTER id SET DEFAULT nextval('plain.timeline_entries_id_seq')`,
    `ALTER TABLE plain.timeline_entries ADD PRIMARY KEY (id)`,
    `CREATE INDEX ON plain.timeline_entries (transaction_id, occurred_at, id)`,
    // NOT VALID: the generated rows are consistent by construction; new rows are checked as usual
    `ALTER TABLE plain.transactions ADD FOREIGN KEY (inbound_event_id) REFERENCES plain.inbound_events (id) NOT VALID`,
    `ALTER TABLE plain.timeline_entries ADD FOREIGN KEY (transaction_id) REFERENCES plain.transactions (id) ON DELETE CASCADE NOT VALID`,
  ],
};

export interface Month {
  name: string;
  from: Date;
  to: Date;
}

/** Calendar months (UTC) from `start` up to and including the month after `now`. */
export function monthsBetween(start: Date, now: Date): Month[] {
  const months: Month[] = [];
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1);
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); Date.UTC(y, m, 1) < end; m++) {
    const from = new Date(Date.UTC(y, m, 1));
    const to = new Date(Date.UTC(y, m + 1, 1));
    months.push({ name: `m${from.toISOString().slice(0, 7).replace('-', '_')}`, from, to });
  }
  return months;
}

/**
 * The partitioned shape. What PostgreSQL makes of today's keys:
 * - every PRIMARY KEY / UNIQUE must contain the partition key: (id, received_at), and the dedupe
 *   index can only be (connection_id, dedupe_key, received_at), which a redelivery (a new
 *   received_at) never hits;
 * - a foreign key to a partitioned table must reference a unique key of it, so transactions carry
 *   inbound_event_received_at next to inbound_event_id.
 */
export function partSchema(months: readonly Month[]) {
  const partitions = (table: string) =>
    months.map(
      (m) =>
        `CREATE TABLE part.${table}_${m.name} PARTITION OF part.${table}
           FOR VALUES FROM ('${m.from.toISOString()}') TO ('${m.to.toISOString()}')`,
    );
  return {
    tables: [
      `CREATE SCHEMA part`,
      `CREATE TABLE part.inbound_events (LIKE plain.inbound_events INCLUDING DEFAULTS) PARTITION BY RANGE (received_at)`,
      `CREATE TABLE part.transactions (LIKE plain.transactions INCLUDING DEFAULTS, inbound_event_received_at timestamptz(3) NOT NULL)`,
      `CREATE TABLE part.timeline_entries (LIKE plain.timeline_entries INCLUDING DEFAULTS) PARTITION BY RANGE (occurred_at)`,
      `CREATE TABLE part.outbox (LIKE plain.outbox INCLUDING ALL)`,
      `CREATE SEQUENCE part.outbox_id_seq OWNED BY part.outbox.id`,
      `ALTER TABLE part.outbox ALTER id SET DEFAULT nextval('part.outbox_id_seq')`,
      ...partitions('inbound_events'),
      ...partitions('timeline_entries'),
    ],
    indexes: [
      `ALTER TABLE part.inbound_events ADD PRIMARY KEY (id, received_at)`,
      `CREATE UNIQUE INDEX ON part.inbound_events (connection_id, dedupe_key, received_at)`,
      `CREATE INDEX ON part.inbound_events (tenant_id, received_at DESC)`,
      `CREATE INDEX ON part.inbound_events (tenant_id, status, received_at DESC)`,
      `CREATE INDEX ON part.inbound_events (connection_id, status, received_at DESC)`,
      `ALTER TABLE part.transactions ADD PRIMARY KEY (id)`,
      `CREATE UNIQUE INDEX ON part.transactions (tenant_id, idempotency_key)`,
      `CREATE INDEX ON part.transactions (tenant_id, created_at DESC, id DESC)`,
      `CREATE INDEX ON part.transactions (tenant_id, business_key)`,
      `CREATE SEQUENCE part.timeline_entries_id_seq OWNED BY part.timeline_entries.id`,
      `ALTER TABLE part.timeline_entries ALTER id SET DEFAULT nextval('part.timeline_entries_id_seq')`,
      `ALTER TABLE part.timeline_entries ADD PRIMARY KEY (id, occurred_at)`,
      `CREATE INDEX ON part.timeline_entries (transaction_id, occurred_at, id)`,
      `ALTER TABLE part.transactions ADD FOREIGN KEY (inbound_event_id, inbound_event_received_at)
         REFERENCES part.inbound_events (id, received_at)`,
      `ALTER TABLE part.timeline_entries ADD FOREIGN KEY (transaction_id) REFERENCES part.transactions (id) ON DELETE CASCADE`,
    ],
  };
}

/** What today's keys do when asked of the partitioned tables: each is expected to fail. */
export const partRefusals = [
  {
    what: 'UNIQUE (connection_id, dedupe_key) on partitioned inbound_events',
    sql: `CREATE UNIQUE INDEX ON part.inbound_events (connection_id, dedupe_key)`,
  },
  {
    what: 'FK transactions(inbound_event_id) -> partitioned inbound_events(id)',
    sql: `ALTER TABLE part.transactions ADD FOREIGN KEY (inbound_event_id) REFERENCES part.inbound_events (id)`,
  },
  {
    what: "today's ingest ON CONFLICT (connection_id, dedupe_key)",
    sql: `INSERT INTO part.inbound_events (id, tenant_id, connection_id, provider_event_id, dedupe_key, status, signature_verdict, body, size_bytes)
          VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'x', 'x', 'accepted', 'valid', '{}', 2)
          ON CONFLICT (connection_id, dedupe_key) DO NOTHING`,
  },
];
