'use client';

import Link from '@/components/ui/link';
import { usePathname } from 'next/navigation';
import { useId } from 'react';
import { currentHref, groupNav, type NavItem } from './nav-items';

/**
 * The console's main navigation, grouped by job. The page the person is on (or a page below
 * it) is marked with aria-current, which is also what draws its highlight. Rendered in the
 * desktop sidebar and in the small-screen menu, never both at once (the other is display:none).
 */
export function SidebarNav({
  items,
  onNavigate,
}: {
  items: readonly NavItem[];
  /** the small-screen menu closes itself when a page is chosen */
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  const current = currentHref(pathname, items);
  const idBase = useId();
  return (
    <nav aria-label="Main" className="space-y-5 text-sm">
      {groupNav(items).map((group) => {
        const headingId = `${idBase}-${group.name}`;
        return (
          <div key={group.name}>
            <p
              id={headingId}
              className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase"
            >
              {group.name}
            </p>
            <ul aria-labelledby={headingId} className="space-y-0.5">
              {group.items.map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={item.href === current ? 'page' : undefined}
                    onClick={onNavigate}
                    className="block rounded px-3 py-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-blue-50 aria-[current=page]:font-semibold aria-[current=page]:text-blue-800"
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
