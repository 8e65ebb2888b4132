'use client';

import { DropdownMenu } from 'radix-ui';
import { useSession } from 'next-auth/react';
import { useState } from 'react';
import { toast } from 'sonner';

export interface TenantOption {
  id: string;
  name: string;
  role: string;
}

/**
 * Switches the session to another tenant the person belongs to. The server checks the
 * membership again (lib/auth/session-token.ts) before the session changes; the page then reloads
 * at the overview so nothing of the previous tenant stays on screen.
 */
export function TenantSwitcher({ current, tenants }: { current: string; tenants: TenantOption[] }) {
  const { update, status } = useSession();
  const [switching, setSwitching] = useState<string | null>(null);
  const currentName = tenants.find((t) => t.id === current)?.name ?? 'Tenant';

  async function switchTo(tenantId: string) {
    if (tenantId === current || switching) return;
    setSwitching(tenantId);
    try {
      const session = (await update({ tenantId })) as { tenantId?: string } | null | undefined;
      if (session?.tenantId === tenantId) {
        window.location.assign('/');
        return;
      }
      toast.error(
        'You cannot switch to that tenant any more. Reload the page to see your tenants.',
      );
    } catch {
      toast.error('Switching tenant failed. Check your connection and try again.');
    }
    setSwitching(null);
  }

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        disabled={status !== 'authenticated' || switching !== null}
        aria-label={`Switch tenant (current: ${currentName})`}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 disabled:opacity-60"
      >
        {switching ? 'Switching…' : currentName} <span aria-hidden="true">▾</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={4}
          className="z-50 min-w-56 rounded border border-slate-200 bg-white p-1 text-sm shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-500">
            Your tenants
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={current} onValueChange={(id) => void switchTo(id)}>
            {tenants.map((t) => (
              <DropdownMenu.RadioItem
                key={t.id}
                value={t.id}
                className="flex cursor-pointer items-center justify-between gap-3 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-blue-50"
              >
                <span>
                  <DropdownMenu.ItemIndicator className="mr-1">✓</DropdownMenu.ItemIndicator>
                  {t.name}
                </span>
                <span className="text-xs text-slate-500">{t.role}</span>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
