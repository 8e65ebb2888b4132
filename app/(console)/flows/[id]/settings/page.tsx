import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { StatusBadge } from '@/components/ui/status-badge';
import { requirePage } from '@/lib/auth/session';
import { findFlowSettings, listFlowFormOptions } from '@/lib/flows/flow-form.presenter';
import { serverContext } from '@/lib/server/context';
import { FlowForm } from '../../_components/flow-form';
import { saveFlowAction } from './actions';
import { RetireOrDelete } from './_components/retire-or-delete';

export const metadata: Metadata = { title: 'Flow settings' };

export default async function FlowSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage('mappings.manage');
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = serverContext().db;
  const [flow, options] = await Promise.all([
    findFlowSettings(db, actor.tenantId, id),
    listFlowFormOptions(db, actor.tenantId),
  ]);
  if (!flow) notFound();
  return (
    <article aria-labelledby="flow-settings-heading" className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/flows" className="text-blue-700 underline">
            ← Flows &amp; mappings
          </Link>{' '}
          ·{' '}
          <Link href={`/flows/${flow.id}`} className="text-blue-700 underline">
            Mapping of {flow.name}
          </Link>
        </p>
        <h1 id="flow-settings-heading" className="mt-2 text-xl font-semibold">
          Settings of {flow.name} <StatusBadge status={flow.status} />
        </h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Every change is written to the audit log with the values before and after.
          {flow.status !== 'retired' &&
            ' Pausing and resuming is on the Connections screen; a retired flow comes back here.'}
        </p>
      </div>
      <FlowForm options={options} flow={flow} action={saveFlowAction} submitLabel="Save flow" />
      <RetireOrDelete
        id={flow.id}
        name={flow.name}
        retired={flow.status === 'retired'}
        transactionCount={flow.transactionCount}
      />
    </article>
  );
}
