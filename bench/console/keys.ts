// Real keys to query with, drawn from the loaded database (any data set, not only seed:large's):
// order numbers, provider references and emails sampled from the transactions, the tenant's
// flows, and the time span for deep cursors. A seeded generator keeps runs comparable.
import type pg from 'pg';

export interface Keys {
  tenantId: string;
  tenantSlug: string;
  /** a member allowed to read everything (admin), for the API's session */
  userId: string;
  flowIds: string[];
  businessKeys: string[];
  externalRefs: string[];
  emails: string[];
  /** payload search terms (docs/adr/0027) from commerce orders and warehouse shipments; empty on
   *  a database loaded before search_terms existed */
  skus: string[];
  trackingNumbers: string[];
  oldest: Date;
  newest: Date;
  random(): number;
  pick<T>(values: readonly T[]): T;
}

/** mulberry32: small, fast, good enough to vary keys reproducibly. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function loadKeys(client: pg.Client, tenantSlug: string, seed = 42): Promise<Keys> {
  const one = async <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => {
    const { rows } = await client.query<T>(sql, values);
    return rows;
  };
  const [tenant] = await one<{ id: string; user_id: string }>(
    `SELECT t.id, m.user_id FROM tenants t JOIN memberships m ON m.tenant_id = t.id
      WHERE t.slug = $1 AND m.role = 'admin' ORDER BY m.created_at LIMIT 1`,
    [tenantSlug],
  );
  if (!tenant) throw new Error(`no tenant "${tenantSlug}" with an admin member`);
  const tenantId = tenant.id;
  const flows = await one<{ id: string }>(
    `SELECT f.id FROM flows f WHERE f.tenant_id = $1
       AND EXISTS (SELECT 1 FROM transactions t WHERE t.tenant_id = $1 AND t.flow_id = f.id)`,
    [tenantId],
  );
  // TABLESAMPLE reads a fraction of the pages: keys from all over the table, in milliseconds.
  const sample = await one<{ business_key: string; refs: string[]; email: string | null }>(
    `SELECT business_key, ARRAY(SELECT value FROM jsonb_each_text(external_refs)) AS refs,
            customer_email AS email
       FROM transactions TABLESAMPLE SYSTEM (1) REPEATABLE ($2)
      WHERE tenant_id = $1 LIMIT 5000`,
    [tenantId, seed],
  );
  const terms = await one<{ term: string; provider: string }>(
    `SELECT DISTINCT x.term, c.provider
       FROM transactions t TABLESAMPLE SYSTEM (1) REPEATABLE ($2)
       JOIN flows f ON f.id = t.flow_id
       JOIN connections c ON c.id = f.source_connection_id
       CROSS JOIN LATERAL unnest(t.search_terms) AS x(term)
      WHERE t.tenant_id = $1 AND c.provider IN ('commerce', 'warehouse')
      LIMIT 5000`,
    [tenantId, seed],
  );
  const [span] = await one<{ oldest: Date; newest: Date }>(
    `SELECT (SELECT created_at FROM transactions WHERE tenant_id = $1 ORDER BY created_at LIMIT 1) AS oldest,
            (SELECT created_at FROM transactions WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1) AS newest`,
    [tenantId],
  );
  if (!span?.oldest || sample.length === 0 || flows.length === 0)
    throw new Error(`tenant "${tenantSlug}" has no transactions to measure with`);
  const random = generator(seed);
  const distinct = <T>(values: T[]) => [...new Set(values)];
  return {
    tenantId,
    tenantSlug,
    userId: tenant.user_id,
    flowIds: flows.map((f) => f.id),
    businessKeys: distinct(sample.map((s) => s.business_key)),
    externalRefs: distinct(sample.flatMap((s) => s.refs)),
    emails: distinct(sample.flatMap((s) => (s.email ? [s.email] : []))),
    skus: terms.filter((t) => t.provider === 'commerce').map((t) => t.term),
    trackingNumbers: terms.filter((t) => t.provider === 'warehouse').map((t) => t.term),
    oldest: span.oldest,
    newest: span.newest,
    random,
    pick: <T>(values: readonly T[]) => {
      const value = values[Math.floor(random() * values.length)];
      if (value === undefined) throw new Error('nothing to pick from');
      return value;
    },
  };
}
