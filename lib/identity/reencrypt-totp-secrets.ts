// Part of a key rotation (npm run secrets:reencrypt): every TOTP secret not yet sealed under the
// active key is opened and sealed again. Each row is replaced only if it still holds the envelope
// read, so a set-up or reset meanwhile is never overwritten. Never logs a value.
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db } from '@/lib/db';

export async function reencryptTotpSecrets(
  db: Db,
  keyRing: KeyRing,
  batchSize = 200,
): Promise<{ resealed: number }> {
  let resealed = 0;
  let after = '';
  for (;;) {
    const rows = await db.user.findMany({
      where: { id: after ? { gt: after } : undefined, totpSecretEncrypted: { not: null } },
      select: { id: true, totpSecretEncrypted: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    for (const row of rows) {
      const sealed = row.totpSecretEncrypted;
      if (!sealed || keyRing.isCurrent(sealed)) continue;
      const done = await db.user.updateMany({
        where: { id: row.id, totpSecretEncrypted: sealed },
        data: { totpSecretEncrypted: keyRing.seal(keyRing.open(sealed)) },
      });
      resealed += done.count;
    }
    if (rows.length < batchSize) return { resealed };
    after = rows[rows.length - 1]!.id;
  }
}
