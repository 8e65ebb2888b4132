// The fixes: configuration changes to the recovering connection and to the flows that send to it
// (credentials, settings, mappings, retry policies) made since the outage began, read from the
// audit log. The fix step shows them and records how many there were when it was confirmed.
import type { Db } from '@/lib/db';

/** Audit actions that change how commands reach the connection. */
export const FIX_ACTIONS = [
  'connection.updated',
  'connection.credentials_replaced',
  'connection.tested',
  'flow.updated',
  'mapping.version_created',
  'mapping.activated',
  'mapping.rolled_back',
] as const;

export interface ConfigChange {
  seq: number;
  action: string;
  objectType: string;
  objectId: string;
  actorLabel: string;
  createdAt: Date;
  /** the flow's name for a flow or mapping change, the connection's for its own */
  objectName: string | null;
}

export async function changesSince(
  db: Pick<Db, '$queryRaw'>,
  tenantId: string,
  connectionId: string,
  since: Date,
): Promise<ConfigChange[]> {
  return db.$queryRaw<ConfigChange[]>`
    SELECT a.seq, a.action, a.object_type AS "objectType", a.object_id AS "objectId",
      a.actor_label AS "actorLabel", a.created_at AS "createdAt",
      coalesce(f.name, c.name) AS "objectName"
    FROM audit_entries a
    LEFT JOIN flows f ON a.object_type = 'flow' AND f.tenant_id = a.tenant_id
      AND f.id::text = a.object_id
    LEFT JOIN connections c ON a.object_type = 'connection' AND c.tenant_id = a.tenant_id
      AND c.id::text = a.object_id
    WHERE a.tenant_id = ${tenantId}::uuid AND a.created_at >= ${since}::timestamptz
      AND a.action = ANY(${[...FIX_ACTIONS]}::text[])
      AND (c.id = ${connectionId}::uuid OR f.target_connection_id = ${connectionId}::uuid)
    ORDER BY a.seq
    LIMIT 50`;
}
