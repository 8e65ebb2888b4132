'use client';

import { Tabs } from 'radix-ui';
import type { ReactNode } from 'react';

export interface PayloadTab {
  value: string;
  label: string;
  content: ReactNode;
}

/**
 * The payload views of one transaction as tabs: arrow keys move between them (Radix Tabs follows
 * the WAI-ARIA tabs pattern). Contents are rendered on the server and handed in.
 */
export function PayloadTabs({ tabs, label }: { tabs: PayloadTab[]; label: string }) {
  const first = tabs[0]?.value;
  if (!first) return null;
  return (
    <Tabs.Root defaultValue={first}>
      <Tabs.List aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <Tabs.Trigger
            key={t.value}
            value={t.value}
            className="-mb-px rounded-t border border-transparent px-3 py-1.5 text-sm text-slate-700 hover:text-blue-800 data-[state=active]:border-slate-200 data-[state=active]:border-b-white data-[state=active]:bg-white data-[state=active]:font-medium data-[state=active]:text-slate-900"
          >
            {t.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {tabs.map((t) => (
        <Tabs.Content key={t.value} value={t.value} className="focus-visible:outline-2">
          {t.content}
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
