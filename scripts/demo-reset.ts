// Run by `npm run demo` (scripts/demo.mjs) after the seed and before the simulators start, unless
// DEMO_KEEP_LEDGER=1: removes the demo tenant's ledger of the previous run, because the simulators
// start empty and repeat its ids (lib/demo/reset-demo-ledger.ts). Only the demo tenant
// (DEMO_TENANT_SLUG), as the owner role (DATABASE_URL), like the seed. Prints one line.
import type { AuditActor } from '@/lib/audit';
import { createDb } from '@/lib/db';
import { resetDemoLedger } from '@/lib/demo/reset-demo-ledger';
import { demoEnv, serverEnv } from '@/lib/env';

const DEMO_ACTOR: AuditActor = { userId: null, tokenId: null, label: 'npm run demo' };

const env = serverEnv();
const { DEMO_TENANT_SLUG: slug } = demoEnv();
// No 15 s bound per statement here: deleting a long demo's rows may take longer, and nothing waits.
const db = createDb({ connectionString: env.DATABASE_URL, poolSize: 1, queryTimeoutMs: 0 });
try {
  const reset = await resetDemoLedger(db, slug, { actor: DEMO_ACTOR });
  console.log(
    reset.audited
      ? `demo: the simulators start empty, so the ledger of tenant ${slug} was reset too ` +
          `(${reset.transactions} transactions and ${reset.inboundEvents} inbound events of the ` +
          'previous run removed; configuration kept; recorded in the audit log); ' +
          'set DEMO_KEEP_LEDGER=1 to keep it'
      : `demo: the simulators start empty, and the ledger of tenant ${slug} holds nothing of a ` +
          'previous run (DEMO_KEEP_LEDGER=1 keeps a ledger across starts)',
  );
} finally {
  await db.$disconnect();
}
