// `waybill retention run [--tenant acme]`: runs payload retention now, as the worker's daily sweep
// does (lib/retention/, ADR 0023): every tenant with a retention, or the one named. Audited with
// the person at the command line as the actor.
import { Command, InvalidArgumentError } from 'commander';
import { expungeOldPayloads } from '@/lib/retention/expunge-old-payloads';
import { tenantsWithRetention } from '@/lib/retention/retention-job';
import { withCli } from '../context';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new InvalidArgumentError('a whole number from 1 to 10000');
  return n;
}

export function retentionCommand(): Command {
  const retention = new Command('retention').description(
    'payload retention: raw payloads and provider responses older than a tenant keeps them',
  );
  retention
    .command('run')
    .description('replace old bodies by a marker now, in bounded batches (idempotent)')
    .option('--tenant <slug>', 'only this tenant (default: every tenant with a retention)')
    .option('--batch-size <rows>', 'rows per statement', positiveInt, 1000)
    .action((options: { tenant?: string; batchSize: number }) =>
      withCli(async ({ db, operator, out }) => {
        const tenants = options.tenant
          ? [await db.tenant.findUnique({ where: { slug: options.tenant }, select: { id: true } })]
          : (await tenantsWithRetention(db)).map((t) => ({ id: t.tenantId }));
        if (tenants[0] === null) throw new Error(`no tenant "${options.tenant ?? ''}"`);
        if (tenants.length === 0) out('no tenant has a payload retention: nothing to do');
        for (const tenant of tenants) {
          if (!tenant) continue;
          const r = await expungeOldPayloads(db, {
            tenantId: tenant.id,
            batchSize: options.batchSize,
            actor: operator,
          });
          out(
            r.days === null
              ? `${tenant.id}: keeps payloads forever (no retention set): nothing to do`
              : `${tenant.id}: before ${r.cutoff} (${r.rule}): ${r.inboundEvents} inbound events, ` +
                  `${r.timelineEntries} timeline entries, ${r.driftItems} drift items expunged ` +
                  `in ${r.batches} batches`,
          );
        }
      }),
    );
  return retention;
}
