// `waybill search-terms backfill [--tenant acme]`: fills payload search terms
// (transactions.search_terms, docs/adr/0027) for transactions accepted before payload search
// existed or before a connection's search paths changed, in bounded batches; resumable with
// --after <last id printed>. Idempotent.
import { Command, InvalidArgumentError } from 'commander';
import { isUuid } from '@/lib/base/uuid';
import { backfillSearchTerms, DEFAULT_BACKFILL_BATCH } from '@/lib/search/backfill-search-terms';
import { withCli } from '../context';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new InvalidArgumentError('a whole number from 1 to 10000');
  return n;
}

function transactionId(value: string): string {
  if (!isUuid(value)) throw new InvalidArgumentError('a transaction id (UUID)');
  return value.toLowerCase();
}

export function searchTermsCommand(): Command {
  const command = new Command('search-terms').description(
    "payload search terms: the values at connections' search paths (SKUs, tracking numbers)",
  );
  command
    .command('backfill')
    .description('extract terms from stored inbound payloads, in bounded batches (idempotent)')
    .option('--tenant <slug>', 'only this tenant (default: every tenant)')
    .option('--batch-size <rows>', 'rows per batch', positiveInt, DEFAULT_BACKFILL_BATCH)
    .option('--after <transactionId>', 'resume after this transaction id', transactionId)
    .action((options: { tenant?: string; batchSize: number; after?: string }) =>
      withCli(async ({ db, out }) => {
        const tenants = await db.tenant.findMany({
          where: options.tenant ? { slug: options.tenant } : {},
          select: { id: true, slug: true },
          orderBy: { slug: 'asc' },
        });
        if (tenants.length === 0) throw new Error(`no tenant "${options.tenant ?? ''}"`);
        for (const tenant of tenants) {
          const r = await backfillSearchTerms(db, {
            tenantId: tenant.id,
            batchSize: options.batchSize,
            after: options.after ?? null,
            onBatch: (p) => {
              if ((p.scanned / options.batchSize) % 50 === 0)
                out(`${tenant.slug}: ${p.scanned} scanned, ${p.updated} updated, last ${p.lastId}`);
            },
          });
          out(`${tenant.slug}: ${r.scanned} transactions scanned, ${r.updated} updated`);
        }
      }),
    );
  return command;
}
