import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { Time } from '@/components/time/time';
import { requirePage } from '@/lib/auth/session';
import { actorCan } from '@/lib/base/actor';
import { isUuid } from '@/lib/base/uuid';
import { windowBounds } from '@/lib/overview/window';
import { serverContext } from '@/lib/server/context';
import { businessChecks } from '@/lib/sla/business-checks.presenter';
import { formatMinutes } from '@/lib/sla/sla-breaches.presenter';

export const metadata: Metadata = { title: 'Business check' };

/** the most late keys listed; the count above the list is exact */
const LIST_LIMIT = 200;

/** One business check's drill-down: every key late now, oldest due first, each to its journey. */
export default async function BusinessCheckPage({
  params,
}: {
  params: Promise<{ ruleId: string }>;
}) {
  const actor = await requirePage('transactions.read');
  const { ruleId } = await params;
  if (!isUuid(ruleId)) notFound();
  const now = new Date();
  const [check] = await businessChecks(serverContext().readDb, actor.tenantId, {
    now,
    window: windowBounds('24h', now),
    sample: LIST_LIMIT,
    ruleId: ruleId.toLowerCase(),
  });
  if (!check) notFound();
  const trendTotal = check.trend.reduce((n, t) => n + t.breaches, 0);
  return (
    <div className="space-y-4">
      <div>
        <Link href="/" className="text-sm text-blue-800 underline">
          Overview
        </Link>
        <h1 className="mt-1 text-xl font-semibold">{check.name}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {check.expectFlow} must complete within {formatMinutes(check.withinMinutes)}{' '}
          {check.startFlow ? `after ${check.startFlow} completed` : `after its transaction arrived`}
          . Keys whose clock started within the last day are checked; older ones are in the error
          queues. {trendTotal} late {trendTotal === 1 ? 'key was' : 'keys were'} recorded in the
          last 24 hours.{' '}
          {actorCan(actor, 'settings.manage') && (
            <Link href="/settings/alerts" className="text-blue-800 underline">
              Change the check
            </Link>
          )}
        </p>
      </div>
      <p className="text-sm">
        <strong data-testid="check-late-count">{check.late}</strong> late now
        {check.late > check.oldest.length && ` · the ${check.oldest.length} due first are listed`}
      </p>
      {check.oldest.length === 0 ? (
        <p className="rounded border border-green-300 bg-green-50 p-4 text-sm text-green-900">
          Nothing is late: every {check.expectFlow} step came in time.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Late keys">
            <thead className="border-b border-slate-300 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Order
                </th>
                <th scope="col" className="px-3 py-2">
                  Clock started
                </th>
                <th scope="col" className="px-3 py-2">
                  Due
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Transaction</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {check.oldest.map((o) => (
                <tr key={o.businessKey} className="border-b border-slate-100">
                  <td className="px-3 py-2">
                    <Link
                      href={`/orders/${encodeURIComponent(o.businessKey)}`}
                      className="font-medium text-blue-800 underline"
                    >
                      Order {o.businessKey}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <Time value={o.startedAt} />
                  </td>
                  <td className="px-3 py-2">
                    <Time value={o.dueAt} relative />
                  </td>
                  <td className="px-3 py-2">
                    <Link
                      href={`/transactions/${o.transactionId}`}
                      className="text-blue-800 underline"
                    >
                      Transaction<span className="sr-only"> of order {o.businessKey}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
