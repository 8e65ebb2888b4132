'use client';

import { AlertDialog } from 'radix-ui';
import type { ReactNode } from 'react';

/**
 * Asks before a bulk or irreversible action. The trigger is whatever button the caller gives;
 * `children` is extra content (a reason field) shown inside the dialog. Esc and Cancel close it.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  onConfirm,
  open,
  onOpenChange,
  confirmDisabled,
  tone = 'primary',
  children,
}: {
  trigger?: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  confirmDisabled?: boolean;
  tone?: 'primary' | 'danger';
  children?: ReactNode;
}) {
  const confirmClass =
    tone === 'danger' ? 'bg-red-700 hover:bg-red-800' : 'bg-blue-700 hover:bg-blue-800';
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 dark:bg-black/60" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl dark:ring-1 dark:ring-slate-300">
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 text-sm text-slate-700">{description}</div>
          </AlertDialog.Description>
          {children && <div className="mt-3">{children}</div>}
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
              Cancel
            </AlertDialog.Cancel>
            <button
              type="button"
              disabled={confirmDisabled}
              onClick={onConfirm}
              className={`rounded px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${confirmClass}`}
            >
              {confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
