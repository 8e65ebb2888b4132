import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { CommandPalette } from '@/components/search/command-palette';
import { MobileMenu } from './mobile-menu';
import type { NavItem } from './nav-items';
import { SessionActivity } from './session-activity';
import { SidebarNav } from './sidebar-nav';
import { TenantSwitcher, type TenantOption } from './tenant-switcher';
import type { Theme } from './theme';
import { ThemeToggle } from './theme-toggle';

export const MAIN_CONTENT_ID = 'content';

/**
 * The console's frame: a skip link (the first Tab stop), the sidebar grouped by job (a menu
 * button below lg), a header that keeps Search and Sign out on screen at any width, and <main>.
 * `min-w-0` on the content column lets wide tables scroll inside their own wrapper instead of
 * widening the page.
 */
export function ConsoleShell({
  items,
  userName,
  role,
  tenantName,
  tenantId,
  tenants = [],
  search = false,
  theme,
  children,
}: {
  items: NavItem[];
  userName: string;
  role: string;
  tenantName: string;
  /** the session's tenant, and every tenant the person belongs to (a switcher when several) */
  tenantId?: string;
  tenants?: TenantOption[];
  /** mounts the Cmd-K palette and its header button (roles that may read transactions) */
  search?: boolean;
  theme: Theme;
  children: ReactNode;
}) {
  const tenant =
    tenantId && tenants.length > 1 ? (
      <TenantSwitcher current={tenantId} tenants={tenants} />
    ) : (
      <span className="text-sm text-slate-600">{tenantName}</span>
    );
  const account = (
    <span className="flex min-w-0 items-center gap-2 text-sm">
      <Link
        href="/account"
        title="Your sessions"
        className="truncate text-slate-900 underline-offset-2 hover:underline"
      >
        {userName}
      </Link>
      <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{role}</span>
    </span>
  );
  const footer = (
    <div className="space-y-3 border-t border-slate-200 pt-3">
      <ThemeToggle initial={theme} />
    </div>
  );
  return (
    <SessionActivity>
      <SkipLink />
      <div className="min-h-screen lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside className="hidden border-r border-slate-200 bg-white lg:sticky lg:top-0 lg:flex lg:h-screen lg:flex-col lg:gap-4 lg:overflow-y-auto lg:p-4">
          <div className="space-y-1 px-3">
            <Link href="/transactions" className="block font-semibold text-slate-900">
              Waybill
            </Link>
            {tenant}
          </div>
          <SidebarNav items={items} />
          <div className="mt-auto">{footer}</div>
        </aside>
        <div className="flex min-w-0 flex-col">
          <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
            <div className="flex items-center gap-2 px-3 py-2 sm:gap-3 sm:px-6">
              <MobileMenu
                items={items}
                footer={
                  <div className="space-y-3">
                    {tenant}
                    <div className="md:hidden">{account}</div>
                    {footer}
                  </div>
                }
              />
              <Link href="/transactions" className="font-semibold text-slate-900 lg:hidden">
                Waybill
              </Link>
              <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-4">
                {search && <CommandPalette pages={items} />}
                <span className="hidden min-w-0 md:flex">{account}</span>
                <Link
                  href="/api/auth/signout"
                  prefetch={false}
                  className="text-sm whitespace-nowrap text-slate-700 underline"
                >
                  Sign out
                </Link>
              </div>
            </div>
          </header>
          <main id={MAIN_CONTENT_ID} tabIndex={-1} className="min-w-0 flex-1 px-3 py-6 sm:px-6">
            {/* Below lg a page's wide table scrolls inside the content box, never the whole page
                sideways (pages with their own table wrappers never reach this). */}
            <div className="relative mx-auto max-w-7xl max-lg:overflow-x-auto">{children}</div>
          </main>
        </div>
      </div>
    </SessionActivity>
  );
}

/** Hidden until focused; the first Tab on every console page lands here. */
export function SkipLink() {
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      className="sr-only rounded bg-white px-3 py-2 text-sm font-medium text-blue-800 underline shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
    >
      Skip to content
    </a>
  );
}
