import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { z } from 'zod';
import { Time } from '@/components/time/time';
import { StatusBadge } from '@/components/ui/status-badge';
import { requirePage } from '@/lib/auth/session';
import { tenantDb } from '@/lib/db';
import { actorCan } from '@/lib/base/actor';
import { listInboundEvents } from '@/lib/ingest/inbound-list.presenter';
import { listRefusedCounts } from '@/lib/ingest/refused-counts.presenter';
import { serverContext } from '@/lib/server/context';

export const metadata: Metadata = { title: 'Inbound events' };

const STATUSES = ['accepted', 'duplicate', 'ignored', 'rejected'] as const;
const query = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

export default async function InboundPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('inbound.read');
  const params = query.parse(await searchParams);
  const page = await listInboundEvents(tenantDb(serverContext().readDb, actor.tenantId), {
    ...params,
    limit: 50,
    maskPersonalData: !actorCan(actor, 'personal_data.read'),
  });
  const href = (extra: Record<string, string>) =>
    `/inbound?${new URLSearchParams({ ...(params.status && { status: params.status }), ...extra }).toString()}`;
  return (
    <section aria-labelledby="inbound-heading">
      <h1 id="inbound-heading" className="mb-2 text-xl font-semibold">
        Inbound events
      </h1>
      <p className="mb-4 text-sm text-slate-600">
        Every webhook delivery as received, including the ones Waybill refused and why.
      </p>
      <RefusedSummary actor={actor} />
      <nav aria-label="Filter by status" className="mb-4 flex gap-3 text-sm">
        <Link
          href="/inbound"
          aria-current={!params.status ? 'page' : undefined}
          className="text-blue-700 underline"
        >
          All
        </Link>
        {STATUSES.map((s) => (
          <Link
            key={s}
            href={`/inbound?status=${s}`}
            aria-current={params.status === s ? 'page' : undefined}
            className="text-blue-700 underline"
          >
            {s}
          </Link>
        ))}
      </nav>
      {page.rows.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No deliveries{params.status ? ` with status ${params.status}` : ''} yet.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-300 text-slate-600">
            <tr>
              {['Received', 'Connection', 'Topic', 'Status', 'Signature', 'Reason', 'Bytes'].map(
                (h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-medium">
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((e) => (
              <tr
                key={e.id}
                data-testid="inbound-row"
                className="border-b border-slate-100 bg-white"
              >
                <td className="px-3 py-2">
                  <Time value={e.receivedAt} />
                </td>
                <td className="px-3 py-2">{e.connection}</td>
                <td className="px-3 py-2">{e.topic ?? '—'}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={e.status} />
                </td>
                <td className="px-3 py-2">{e.signature}</td>
                <td className="px-3 py-2">{e.reason ?? '—'}</td>
                <td className="px-3 py-2">{e.sizeBytes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.nextCursor && (
        <Link
          href={href({ cursor: page.nextCursor })}
          className="mt-4 inline-block text-sm text-blue-700 underline"
        >
          Next page
        </Link>
      )}
    </section>
  );
}

/** How many deliveries were refused in all: only the latest of each connection are listed. */
async function RefusedSummary({ actor }: { actor: { tenantId: string } }) {
  const counts = await listRefusedCounts(tenantDb(serverContext().readDb, actor.tenantId));
  if (counts.total === 0) return null;
  return (
    <p data-testid="refused-count" className="mb-4 text-sm text-slate-600">
      Refused deliveries: {counts.total.toLocaleString('en-GB')} in all (
      {counts.connections
        .map((c) => `${c.connection} ${c.refused.toLocaleString('en-GB')}`)
        .join(', ')}
      ). Only the latest refused deliveries of each connection are kept below.
    </p>
  );
}
