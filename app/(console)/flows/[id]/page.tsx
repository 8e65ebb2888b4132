import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { StatusBadge } from '@/components/ui/status-badge';
import { actorCan } from '@/lib/base/actor';
import { requirePage } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { getFlowMappings, getMappingDiff } from '@/lib/mapping/flow-mappings.presenter';
import { serverContext } from '@/lib/server/context';
import { DiffView } from './_components/diff-view';
import { MappingWorkbench } from './_components/mapping-workbench';
import { RollBackButton } from './_components/roll-back-button';
import { VersionHistory } from './_components/version-history';

export const metadata: Metadata = { title: 'Flow mapping' };

const versionParam = z.coerce.number().int().positive();

function orNotFound(error: unknown): never {
  if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
  throw error;
}

export default async function FlowMappingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('mappings.read');
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const query = await searchParams;
  const db = serverContext().db;
  const flow = await getFlowMappings(db, actor.tenantId, id).catch(orNotFound);
  const canManage = actorCan(actor, 'mappings.manage');

  const from = versionParam.safeParse(query.from);
  const to = versionParam.safeParse(query.to);
  const diff =
    from.success && to.success
      ? await getMappingDiff(db, actor.tenantId, flow.id, from.data, to.data).catch(
          (error: unknown) => {
            if (isAppError(error) && error.code === 'NOT_FOUND') return error.message;
            throw error;
          },
        )
      : null;

  return (
    <article aria-labelledby="flow-heading" className="space-y-8">
      <div>
        <Link href="/flows" className="text-sm text-blue-700 underline">
          ← Flows &amp; mappings
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 id="flow-heading" className="text-xl font-semibold">
              {flow.name}
            </h1>
            <p className="text-sm text-slate-700">
              {flow.source} <span aria-hidden="true">→</span>
              <span className="sr-only">to</span> {flow.target} · <code>{flow.eventType}</code> →{' '}
              <code>{flow.operation}</code> · <StatusBadge status={flow.status} /> ·{' '}
              <span data-testid="flow-active-version">
                {flow.activeVersion === null
                  ? 'no active mapping'
                  : `mapping version ${flow.activeVersion} active`}
              </span>
            </p>
            <p className="text-xs text-slate-600">
              Pause or resume this flow on the{' '}
              <Link href="/connections#flows-table-heading" className="text-blue-700 underline">
                Connections
              </Link>{' '}
              screen.
              {canManage && (
                <>
                  {' '}
                  Route, retry policy, SLA, retiring:{' '}
                  <Link href={`/flows/${flow.id}/settings`} className="text-blue-700 underline">
                    Flow settings
                  </Link>
                  .
                </>
              )}
            </p>
          </div>
          {canManage && flow.activeVersion !== null && flow.rollBackTo !== null && (
            <RollBackButton
              flowId={flow.id}
              activeVersion={flow.activeVersion}
              target={flow.rollBackTo}
            />
          )}
        </div>
      </div>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-2 text-lg font-semibold">
          Version history
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Versions never change once saved. Each transaction records the version it was sent with.
        </p>
        <VersionHistory flowId={flow.id} versions={flow.versions} canManage={canManage} />
      </section>

      {diff !== null && (
        <section aria-labelledby="diff-heading">
          <h2 id="diff-heading" className="mb-2 text-lg font-semibold">
            {typeof diff === 'string'
              ? 'Compare versions'
              : `Changes from version ${diff.from} to version ${diff.to}`}
          </h2>
          {typeof diff === 'string' ? (
            <p role="alert" className="text-sm text-red-800">
              Cannot compare: {diff}.
            </p>
          ) : (
            <DiffView diff={diff} />
          )}
        </section>
      )}

      <MappingWorkbench
        flowId={flow.id}
        draft={flow.draft}
        canManage={canManage}
        activeVersion={flow.activeVersion}
        versions={flow.versions.map((v) => v.version)}
        payloads={flow.testPayloads}
        liveTestRun={flow.liveTestRun}
      />
    </article>
  );
}
