'use client';

import { Dialog } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { SidebarNav } from './sidebar-nav';
import type { NavItem } from './nav-items';

/**
 * Below the lg breakpoint the sidebar folds into this menu: a button in the header opens the
 * same navigation as a modal drawer (focus kept inside, Escape closes, choosing a page closes).
 */
export function MobileMenu({ items, footer }: { items: readonly NavItem[]; footer: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="inline-flex items-center gap-1.5 rounded border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-800 hover:bg-slate-50 lg:hidden">
        <span aria-hidden>☰</span> Menu
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 dark:bg-black/60" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-[min(18rem,85vw)] flex-col gap-4 overflow-y-auto bg-white p-4 shadow-xl">
          <div className="flex items-center justify-between">
            <Dialog.Title className="font-semibold text-slate-900">Waybill</Dialog.Title>
            <Dialog.Close className="rounded border border-slate-300 px-2 py-0.5 text-sm text-slate-700 hover:bg-slate-50">
              Close<span className="sr-only"> menu</span>
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">Pages of the console</Dialog.Description>
          <SidebarNav items={items} onNavigate={() => setOpen(false)} />
          <div className="mt-auto">{footer}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
