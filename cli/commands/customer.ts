// `waybill customer erase`: one customer's personal data erased on request (lib/erasure, ADR 0025),
// the same use case as Settings → Privacy and POST /api/v1/erasures. `waybill customer
// erasure-proof` answers, for an address someone asks about, whether this tenant's audit log holds
// an erasure of it (by the keyed hash: the log never holds the address).
import { Command } from 'commander';
import { tenantDb } from '@/lib/db';
import { authEnv } from '@/lib/env';
import { eraseCustomer, erasureRequestSchema } from '@/lib/erasure/erase-customer';
import { erasureProof } from '@/lib/erasure/erasure-proof';
import { getTenantBySlug } from '@/lib/tenants/create-tenant';
import { withCli } from '../context';

export function customerCommand(): Command {
  const customer = new Command('customer').description("a customer's personal data");
  customer
    .command('erase')
    .description("erase one customer's personal data from a tenant (irreversible, audited)")
    .requiredOption('--tenant <slug>', 'the tenant')
    .requiredOption('--email <email>', "the customer's email address")
    .option('--reason <text>', 'a request or ticket reference (an address in it is not kept)')
    .action((options: { tenant: string; email: string; reason?: string }) =>
      withCli(async ({ db, operator, out }) => {
        const tenant = await getTenantBySlug(db, options.tenant);
        const result = await eraseCustomer(db, {
          tenantId: tenant.id,
          email: options.email,
          reason: options.reason,
          actor: operator,
          proofSecret: authEnv().NEXTAUTH_SECRET,
        });
        for (const [place, n] of Object.entries(result.erased)) out(`${place}\t${n}`);
        out(`total\t${result.total}`);
        if (result.stillOpen > 0)
          out(`${result.stillOpen} of the customer's transactions are open: erase again later`);
        if (result.auditEntriesUnchanged > 0)
          out(`${result.auditEntriesUnchanged} older audit entries mention it (never rewritten)`);
        out(`proof\t${result.proof}`);
      }),
    );
  customer
    .command('erasure-proof')
    .description("whether the tenant's audit log records an erasure of this address")
    .requiredOption('--tenant <slug>', 'the tenant')
    .requiredOption('--email <email>', 'the address asked about')
    .action((options: { tenant: string; email: string }) =>
      withCli(async ({ db, out }) => {
        const tenant = await getTenantBySlug(db, options.tenant);
        const { email } = erasureRequestSchema.parse({ email: options.email });
        const proof = erasureProof(authEnv().NEXTAUTH_SECRET, tenant.id, email);
        const entries = await tenantDb(db, tenant.id).auditEntry.findMany({
          where: { action: 'customer.erased', objectId: proof },
          orderBy: { seq: 'asc' },
          select: { seq: true, createdAt: true, actorLabel: true },
        });
        out(`proof\t${proof}`);
        if (entries.length === 0) {
          out('no erasure of this address is recorded in this tenant');
          process.exitCode = 2;
        }
        for (const e of entries)
          out(`erased\t${e.createdAt.toISOString()}\t#${e.seq}\t${e.actorLabel}`);
      }),
    );
  return customer;
}
