import Link from 'next/link';
import { CommandPalette } from '@/components/search/command-palette';
import { SessionActivity } from './session-activity';
import { TenantSwitcher, type TenantOption } from './tenant-switcher';

export interface NavLink {
  href: string;
  label: string;
}

export function ConsoleNav({
  links,
  userName,
  role,
  tenantName,
  tenantId,
  tenants = [],
  search = false,
}: {
  links: NavLink[];
  userName: string;
  role: string;
  tenantName: string;
  /** the session's tenant, and every tenant the person belongs to (a switcher when several) */
  tenantId?: string;
  tenants?: TenantOption[];
  /** mounts the Cmd-K palette and its header button (roles that may read transactions) */
  search?: boolean;
}) {
  return (
    <SessionActivity>
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
          <Link href="/transactions" className="font-semibold text-slate-900">
            Waybill
          </Link>
          {tenantId && tenants.length > 1 ? (
            <TenantSwitcher current={tenantId} tenants={tenants} />
          ) : (
            <span className="text-sm text-slate-500">{tenantName}</span>
          )}
          <ul className="flex gap-4 text-sm">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className="text-slate-700 hover:text-blue-700">
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
          <div className="ml-auto flex items-center gap-3 text-sm">
            {search && <CommandPalette />}
            <span>
              <Link
                href="/account"
                title="Your sessions"
                className="text-slate-900 underline-offset-2 hover:underline"
              >
                {userName}
              </Link>{' '}
              <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {role}
              </span>
            </span>
            <Link href="/api/auth/signout" prefetch={false} className="text-slate-700 underline">
              Sign out
            </Link>
          </div>
        </nav>
      </header>
    </SessionActivity>
  );
}
