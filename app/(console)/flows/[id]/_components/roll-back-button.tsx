'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { toForm } from './to-form';
import { rollBack } from '../actions';

/**
 * Returns the flow to the version active before the current one, after a confirmation. The page
 * renders it only when there is such a version, and names it (the presenter's rollBackTo).
 */
export function RollBackButton({
  flowId,
  activeVersion,
  target,
}: {
  flowId: string;
  activeVersion: number;
  target: number;
}) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  function confirm() {
    startTransition(async () => {
      const answer = await rollBack(toForm({ flowId }));
      if (!answer.ok) {
        toast.error(answer.error);
        return;
      }
      toast.success(answer.message);
      setOpen(false);
    });
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button
          type="button"
          className="rounded border border-amber-600 bg-white px-3 py-1.5 text-sm font-medium text-amber-800 hover:bg-amber-50"
        >
          Roll back to v{target}
        </button>
      }
      title={`Roll back from version ${activeVersion} to version ${target}?`}
      description={
        <p>
          Version {target}, active before version {activeVersion}, becomes active again. New
          dispatches use it at once; transactions already sent keep the version they were sent with.
        </p>
      }
      confirmLabel={pending ? 'Rolling back…' : `Roll back to v${target}`}
      confirmDisabled={pending}
      tone="danger"
      onConfirm={confirm}
    />
  );
}
