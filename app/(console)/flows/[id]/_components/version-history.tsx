'use client';

import Link from '@/components/ui/link';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Time } from '@/components/time/time';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { FlowMappings } from '@/lib/mapping/flow-mappings.presenter';
import { activateVersion } from '../actions';
import { toForm } from './to-form';

type Version = FlowMappings['versions'][number];

const th = 'px-3 py-2 font-medium';
const td = 'px-3 py-2 align-top';

export function VersionHistory({
  flowId,
  versions,
  canManage,
}: {
  flowId: string;
  versions: Version[];
  canManage: boolean;
}) {
  const [activating, setActivating] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  if (versions.length === 0)
    return <p className="text-sm text-slate-600">This flow has no mapping version yet.</p>;

  function activate() {
    if (activating === null) return;
    startTransition(async () => {
      const answer = await activateVersion(toForm({ flowId, version: activating }));
      if (!answer.ok) {
        toast.error(answer.error);
        return;
      }
      toast.success(answer.message);
      setActivating(null);
    });
  }

  return (
    <>
      <table className="w-full text-left text-sm" data-testid="version-history">
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              Version
            </th>
            <th scope="col" className={th}>
              Created
            </th>
            <th scope="col" className={th}>
              Note
            </th>
            <th scope="col" className={th}>
              Compare
            </th>
            {canManage && (
              <th scope="col" className={th}>
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr
              key={v.version}
              data-testid="version-row"
              data-version={v.version}
              className="border-b border-slate-100 bg-white"
            >
              <th scope="row" className={`${td} font-medium`}>
                v{v.version}
                {v.active && (
                  <span
                    data-testid="active-badge"
                    className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-900"
                  >
                    active
                  </span>
                )}
              </th>
              <td className={td}>
                {v.createdBy}
                <Time value={v.createdAt} className="block text-xs text-slate-600" />
              </td>
              <td className={`${td} max-w-md`}>
                {v.note ?? <span className="text-slate-500">—</span>}
              </td>
              <td className={td}>
                <DiffWith
                  flowId={flowId}
                  version={v.version}
                  others={versions.map((o) => o.version).filter((o) => o !== v.version)}
                />
              </td>
              {canManage && (
                <td className={td}>
                  {!v.active && (
                    <button
                      type="button"
                      onClick={() => setActivating(v.version)}
                      className="rounded bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800"
                    >
                      Activate<span className="sr-only"> version {v.version}</span>
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={activating !== null}
        onOpenChange={(open) => {
          if (!open) setActivating(null);
        }}
        title={`Activate version ${activating ?? ''}?`}
        description={
          <p>
            New dispatches of this flow use version {activating} from now on, including retries of
            transactions not yet sent. Transactions already sent keep their version.
          </p>
        }
        confirmLabel={pending ? 'Activating…' : `Activate version ${activating ?? ''}`}
        confirmDisabled={pending}
        onConfirm={activate}
      />
    </>
  );
}

/** "Diff with…": a link per other version, older on the left (?from=older&to=newer). */
function DiffWith({
  flowId,
  version,
  others,
}: {
  flowId: string;
  version: number;
  others: number[];
}) {
  if (others.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-blue-700">
        Diff with…<span className="sr-only"> (version {version})</span>
      </summary>
      <ul className="mt-1 space-y-0.5">
        {others.map((o) => (
          <li key={o}>
            <Link
              href={`/flows/${flowId}?from=${Math.min(o, version)}&to=${Math.max(o, version)}#diff-heading`}
              className="text-blue-700 underline"
            >
              v{Math.min(o, version)} → v{Math.max(o, version)}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
