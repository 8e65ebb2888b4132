import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { requirePage } from '@/lib/auth/session';
import { listFlowFormOptions } from '@/lib/flows/flow-form.presenter';
import { serverContext } from '@/lib/server/context';
import { FlowForm } from '../_components/flow-form';
import { createFlowAction } from './actions';

export const metadata: Metadata = { title: 'New flow' };

export default async function NewFlowPage() {
  const actor = await requirePage('mappings.manage');
  const options = await listFlowFormOptions(serverContext().db, actor.tenantId);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href="/flows" className="text-blue-700 underline">
          ← Flows &amp; mappings
        </Link>
      </p>
      <h1 className="text-xl font-semibold">New flow</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        A flow turns one kind of event from a source into one operation at a target. It starts
        without a mapping: the next page is its mapping workbench, and until a version is active its
        transactions wait in review.
      </p>
      {options.connections.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          A flow needs connections.{' '}
          <Link href="/connections/new" className="text-blue-700 underline">
            Add a connection
          </Link>{' '}
          first.
        </p>
      ) : (
        <FlowForm
          options={options}
          flow={null}
          action={createFlowAction}
          submitLabel="Create flow"
        />
      )}
    </div>
  );
}
