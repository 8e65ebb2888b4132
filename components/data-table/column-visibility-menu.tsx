'use client';

import { DropdownMenu } from 'radix-ui';

export interface HideableColumn {
  id: string;
  label: string;
  visible: boolean;
  toggle: (visible: boolean) => void;
}

/** "Columns" menu: one checkbox per column that may be hidden; the menu stays open while ticking. */
export function ColumnVisibilityMenu({ columns }: { columns: HideableColumn[] }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Columns
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-30 min-w-48 rounded border border-slate-200 bg-white p-1 text-sm shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-slate-600">
            Show columns
          </DropdownMenu.Label>
          {columns.map((c) => (
            <DropdownMenu.CheckboxItem
              key={c.id}
              checked={c.visible}
              onCheckedChange={(value) => c.toggle(value === true)}
              onSelect={(e) => e.preventDefault()}
              className="flex cursor-default items-center gap-2 rounded px-2 py-1 outline-none data-highlighted:bg-blue-50"
            >
              <span aria-hidden className="w-4 text-blue-700">
                {c.visible ? '✓' : ''}
              </span>
              {c.label}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
