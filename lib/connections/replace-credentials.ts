// Replaces a connection's credentials (write-only: nothing ever reads them back to a person). The
// adapter's credentials schema decides what is complete; the new value is sealed under the active
// key. The audit entry says that they changed and which key seals them, never what they are.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { tenantDb, type Db } from '@/lib/db';
import { getAdapter } from '@/lib/providers/registry';
import { parseOrRefuse } from './connection-input';
import { lockConnection, secretState, type ConfigActor } from './connection-record';

const input = z.record(z.string(), z.unknown());

export async function replaceCredentials(
  db: Db,
  tenantId: string,
  connectionId: string,
  credentials: Record<string, unknown>,
  by: ConfigActor & { keyRing: KeyRing },
): Promise<{ keyId: string }> {
  const submitted = parseOrRefuse(input, credentials, 'credentials');
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const row = await lockConnection(tx, tenantId, connectionId);
    const parsed = parseOrRefuse(getAdapter(row.provider).credentials, submitted, 'credentials');
    const sealed = by.keyRing.seal(JSON.stringify(parsed));
    await tx.connection.update({
      where: { id: connectionId },
      data: { credentialsEncrypted: sealed },
      select: { id: true },
    });
    const now = new Date();
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(by.actor),
      requestId: by.audit?.requestId ?? null,
      at: now,
      event: {
        action: 'connection.credentials_replaced',
        objectType: 'connection',
        objectId: connectionId,
        after: {
          auth: secretState(sealed, now),
          previously: secretState(row.credentialsEncrypted, null).state,
          fields: Object.keys(parsed).sort(),
        },
      },
    });
    return { keyId: by.keyRing.activeKeyId };
  });
}
