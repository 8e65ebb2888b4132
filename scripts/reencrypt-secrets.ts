// `npm run secrets:reencrypt`: re-seals every connection secret and every person's TOTP secret
// under the active key
// (WAYBILL_ENCRYPTION_KEY_ID). Safe to run again: what is already current is skipped. Prints
// counts per tenant, never a value. Exits 1 when a tenant could not be finished (e.g. a key
// missing from the ring), so a rotation runbook stops there.
import { keyRingFromEnv } from '@/lib/crypto/key-ring';
import { reencryptSecrets } from '@/lib/connections/reencrypt-secrets';
import { createDb } from '@/lib/db';
import { reencryptTotpSecrets } from '@/lib/identity/reencrypt-totp-secrets';
import { serverEnv } from '@/lib/env';

const env = serverEnv();
const keyRing = keyRingFromEnv(env);
const db = createDb({ connectionString: env.DATABASE_URL, poolSize: 2 });
try {
  console.log(
    `re-encrypting under key "${keyRing.activeKeyId}" (ring: ${keyRing.keyIds.join(', ')})`,
  );
  const report = await reencryptSecrets(db, keyRing, {
    onTenant: (t) =>
      console.log(
        `tenant ${t.tenantId}: ${t.connections} connection(s), from key(s) ${t.fromKeyIds.join(', ')}: ` +
          `${t.resealed.credentials} credentials, ${t.resealed.webhookSecret} webhook secrets, ` +
          `${t.resealed.previousSecret} previous webhook secrets`,
      ),
  });
  const totp = await reencryptTotpSecrets(db, keyRing);
  console.log(`two-factor secrets: ${totp.resealed} re-sealed`);
  for (const f of report.failures)
    console.error(`tenant ${f.tenantId}: NOT finished: ${f.message}`);
  console.log(
    report.tenants.length === 0 && report.failures.length === 0
      ? 'nothing to do: every secret is already under the active key'
      : `done: ${report.tenants.length} tenant(s) re-encrypted, ${report.failures.length} failed`,
  );
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} finally {
  await db.$disconnect();
}
