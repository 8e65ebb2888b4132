// Re-seals every stored secret that is not yet under the active key (v1 envelopes included), so an
// old key can leave the ring. Per tenant, in one transaction: its connections are read in batches
// FOR UPDATE, re-sealed, and one 'secrets.reencrypted' entry with the counts is appended; a crash
// loses nothing and a second run continues with what is left (done rows are skipped). Values are
// never logged or audited, only counts and key ids.
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit';
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db } from '@/lib/db';

const COLUMNS = {
  credentials: 'credentials_encrypted',
  webhookSecret: 'webhook_secret_encrypted',
  previousSecret: 'previous_secret_encrypted',
} as const;
type Column = keyof typeof COLUMNS;

interface SealedRow {
  id: string;
  credentials: string | null;
  webhookSecret: string | null;
  previousSecret: string | null;
}

export interface TenantReencryption {
  tenantId: string;
  connections: number;
  resealed: Record<Column, number>;
  /** key ids the re-sealed values were under */
  fromKeyIds: string[];
}

export interface ReencryptionReport {
  activeKeyId: string;
  tenants: TenantReencryption[];
  failures: { tenantId: string; message: string }[];
}

export async function reencryptSecrets(
  db: Db,
  keyRing: KeyRing,
  options: { batchSize?: number; onTenant?: (t: TenantReencryption) => void } = {},
): Promise<ReencryptionReport> {
  const batchSize = options.batchSize ?? 100;
  const tenants = await db.tenant.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const report: ReencryptionReport = {
    activeKeyId: keyRing.activeKeyId,
    tenants: [],
    failures: [],
  };
  for (const { id: tenantId } of tenants) {
    try {
      const done = await reencryptTenant(db, keyRing, tenantId, batchSize);
      if (done) {
        report.tenants.push(done);
        options.onTenant?.(done);
      }
    } catch (error) {
      // One tenant's unreadable secret (a key missing from the ring) must not stop the others.
      report.failures.push({
        tenantId,
        message: error instanceof Error ? error.message : 'unknown error',
      });
    }
  }
  return report;
}

async function reencryptTenant(
  db: Db,
  keyRing: KeyRing,
  tenantId: string,
  batchSize: number,
): Promise<TenantReencryption | null> {
  const current = `v2.${keyRing.activeKeyId}.%`;
  return db.$transaction(
    async (tx) => {
      const result: TenantReencryption = {
        tenantId,
        connections: 0,
        resealed: { credentials: 0, webhookSecret: 0, previousSecret: 0 },
        fromKeyIds: [],
      };
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await tx.$queryRaw<SealedRow[]>`
          SELECT id::text AS id, credentials_encrypted AS credentials,
                 webhook_secret_encrypted AS "webhookSecret",
                 previous_secret_encrypted AS "previousSecret"
          FROM connections
          WHERE tenant_id = ${tenantId}::uuid AND id > ${after}::uuid
            AND (credentials_encrypted NOT LIKE ${current}
              OR webhook_secret_encrypted NOT LIKE ${current}
              OR previous_secret_encrypted NOT LIKE ${current})
          ORDER BY id LIMIT ${batchSize} FOR UPDATE`;
        if (rows.length === 0) break;
        for (const row of rows) {
          const data: Partial<Record<string, string>> = {};
          for (const column of Object.keys(COLUMNS) as Column[]) {
            const sealed = row[column];
            if (!sealed || keyRing.isCurrent(sealed)) continue;
            const from = keyRing.keyIdOf(sealed);
            if (!result.fromKeyIds.includes(from)) result.fromKeyIds.push(from);
            data[column] = keyRing.seal(keyRing.open(sealed));
            result.resealed[column] += 1;
          }
          await tx.$executeRaw`
            UPDATE connections SET
              credentials_encrypted = COALESCE(${data.credentials ?? null}, credentials_encrypted),
              webhook_secret_encrypted = COALESCE(${data.webhookSecret ?? null}, webhook_secret_encrypted),
              previous_secret_encrypted = COALESCE(${data.previousSecret ?? null}, previous_secret_encrypted),
              updated_at = now()
            WHERE id = ${row.id}::uuid AND tenant_id = ${tenantId}::uuid`;
          result.connections += 1;
        }
        after = rows[rows.length - 1]?.id ?? after;
      }
      if (result.connections === 0) return null;
      result.fromKeyIds.sort();
      await recordAudit(tx, {
        tenantId,
        actor: SYSTEM_ACTOR,
        event: {
          action: 'secrets.reencrypted',
          objectType: 'tenant',
          objectId: tenantId,
          after: {
            toKeyId: keyRing.activeKeyId,
            fromKeyIds: result.fromKeyIds,
            connections: result.connections,
            // named so the audit redactor (which blanks secret-named keys) keeps the counts
            resealed: {
              auth: result.resealed.credentials,
              webhookSigning: result.resealed.webhookSecret,
              webhookSigningPrevious: result.resealed.previousSecret,
            },
          },
        },
      });
      return result;
    },
    { timeout: 60_000 },
  );
}
