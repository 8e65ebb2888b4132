import type { Metadata } from 'next';
import { z } from 'zod';
import { SearchResults } from '@/components/search/search-results';
import { requirePage } from '@/lib/auth/session';
import { searchLedger } from '@/lib/search/search.presenter';
import { searchPayloadsForQuery } from '@/lib/search/payload-search.presenter';
import { PayloadHits } from '@/components/search/payload-hits';
import { serverContext } from '@/lib/server/context';
import { actorCan } from '@/lib/base/actor';

export const metadata: Metadata = { title: 'Search' };

const query = z.object({
  q: z.string().max(1000).optional().catch(undefined),
});

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('transactions.read');
  const q = query.parse(await searchParams).q?.trim() ?? '';
  const db = serverContext().readDb;
  const [result, payload] = q
    ? await Promise.all([
        searchLedger(db, actor.tenantId, q, {
          canReadPersonalData: actorCan(actor, 'personal_data.read'),
        }),
        searchPayloadsForQuery(db, actor.tenantId, q),
      ])
    : [null, null];
  return (
    <section aria-labelledby="search-heading" className="space-y-4">
      <h1 id="search-heading" className="text-xl font-semibold">
        Search
      </h1>
      {/* A plain GET form: the query lives in the URL, so a search can be shared or reloaded. */}
      <form action="/search" role="search" className="flex max-w-2xl gap-2">
        <label htmlFor="search-q" className="sr-only">
          Order number, reference, email, transaction id, SKU or tracking number
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={200}
          placeholder="Order number, reference, email, transaction id, SKU or tracking number"
          className="w-full rounded border border-slate-300 px-3 py-2 text-sm placeholder:text-slate-500"
        />
        <button
          type="submit"
          className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
        >
          Search
        </button>
      </form>
      <SearchResults result={result} />
      {payload && <PayloadHits result={payload} />}
    </section>
  );
}
