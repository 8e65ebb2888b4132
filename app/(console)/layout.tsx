import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { ConsoleShell, MAIN_CONTENT_ID } from '@/components/shell/console-nav';
import type { NavItem } from '@/components/shell/nav-items';
import { THEME_COOKIE, parseTheme } from '@/components/shell/theme';
import { currentActor } from '@/lib/auth/session';
import { actorCan, type Actor } from '@/lib/base/actor';
import { listTenantsOf } from '@/lib/members/tenants.presenter';
import { serverContext } from '@/lib/server/context';

// Every console screen depends on who is asking: render per request, never at build time.
export const dynamic = 'force-dynamic';

/** The pages a role may open, grouped by the job they serve (the sidebar and Cmd-K share it). */
function navItemsFor(actor: Actor): NavItem[] {
  const can = (p: Parameters<typeof actorCan>[1]) => actorCan(actor, p);
  const items: (NavItem | false)[] = [
    can('transactions.read') && { href: '/', label: 'Overview', group: 'Operate' },
    can('transactions.read') && { href: '/transactions', label: 'Transactions', group: 'Operate' },
    can('transactions.read') && { href: '/errors', label: 'Error queues', group: 'Operate' },
    can('transactions.replay') && { href: '/replays', label: 'Replays', group: 'Operate' },
    can('inbound.read') && { href: '/inbound', label: 'Inbound events', group: 'Operate' },
    can('reconciliation.run') && {
      href: '/reconciliation',
      label: 'Reconciliation',
      group: 'Finance',
    },
    can('audit.read') && { href: '/audit', label: 'Audit log', group: 'Finance' },
    // Every role sees connection health; only some may pause (the page shows their buttons).
    can('transactions.read') && { href: '/connections', label: 'Connections', group: 'Configure' },
    can('mappings.read') && { href: '/flows', label: 'Flows & mappings', group: 'Configure' },
    // the API is for everyone who automates against the tenant; the document is public anyway
    can('transactions.read') && {
      href: '/api-reference',
      label: 'API reference',
      group: 'Configure',
    },
    can('settings.manage') && { href: '/settings', label: 'Settings', group: 'Admin' },
  ];
  return items.filter((i): i is NavItem => i !== false);
}

// The layout shows navigation only; every page checks its own permission (layouts do not guard).
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor)
    return (
      <main id={MAIN_CONTENT_ID} className="mx-auto max-w-7xl px-6 py-6">
        {children}
      </main>
    );
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <ConsoleShell
      items={navItemsFor(actor)}
      userName={actor.name}
      role={actor.role}
      tenantName={actor.tenantName}
      tenantId={actor.tenantId}
      tenants={actor.kind === 'user' ? await listTenantsOf(serverContext().db, actor.userId) : []}
      search={actorCan(actor, 'transactions.read')}
      theme={theme}
    >
      {children}
    </ConsoleShell>
  );
}
