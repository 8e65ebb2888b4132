// One connection as the API's list shows it (listConnectionConfigs), for GET
// /api/v1/connections/{id}: its configuration, and whether credentials and a webhook secret are
// set — never what they are. Read through the tenant's scope: another tenant's id is not found.
import { isUuid } from '@/lib/base/uuid';
import { tenantDb, type Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { connectionConfigOf } from './connection-config.presenter';
import { CONNECTION_CONFIG_SELECT } from './connection-record';

export async function getConnection(db: Db, tenantId: string, connectionId: string) {
  const row = isUuid(connectionId)
    ? await tenantDb(db, tenantId).connection.findFirst({
        where: { id: connectionId },
        select: CONNECTION_CONFIG_SELECT,
      })
    : null;
  if (!row) throw notFound('connection');
  return connectionConfigOf(row);
}

export type ConnectionRead = Awaited<ReturnType<typeof getConnection>>;
